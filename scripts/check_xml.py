"""Every XML file of the project must parse."""
import glob
import sys

from lxml import etree

bad = 0
patterns = ('addons/**/*.xml', 'tests/**/*.xml', 'bench/**/*.xml')
paths = [p for pattern in patterns for p in glob.glob(pattern, recursive=True)]
for path in sorted(paths):
    try:
        etree.parse(path)
    except etree.XMLSyntaxError as e:
        bad += 1
        print('%s: %s' % (path, e))
print('%d XML files checked, %d invalid' % (len(paths), bad))
sys.exit(1 if bad else 0)
