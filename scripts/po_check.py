"""Check that every i18n/zh_CN.po of our modules parses and is fully translated.

An entry is untranslated when its msgstr is empty, or equal to a msgid that
contains Latin words (a Chinese or numeric msgid may stay as it is).
Exit status 1 lists what is missing.
"""
import glob
import re
import sys


def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    return s[1:-1].replace('\\"', '"').replace('\\n', '\n').replace('\\t', '\t').replace('\\\\', '\\')


def quote(s):
    escaped = s.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t')
    lines = escaped.split('\n')
    if len(lines) == 1:
        return '"%s"' % lines[0]
    parts = ['"%s\\n"' % line for line in lines[:-1]]
    if lines[-1]:
        parts.append('"%s"' % lines[-1])
    return '\n'.join(parts)


def parse_po(text):
    """Return entries as dicts: comments (list), msgid, msgstr."""
    entries = []
    for block in re.split(r'\n\s*\n', text.strip()):
        entry = {'comments': [], 'msgid': '', 'msgstr': ''}
        current = None
        for line in block.splitlines():
            if line.startswith('#'):
                entry['comments'].append(line)
            elif line.startswith('msgid '):
                current = 'msgid'
                entry[current] = unquote(line[6:])
            elif line.startswith('msgstr '):
                current = 'msgstr'
                entry[current] = unquote(line[7:])
            elif line.startswith('"') and current:
                entry[current] += unquote(line)
            elif line.strip():
                raise ValueError('unexpected line in po file: %r' % line)
        entries.append(entry)
    return entries


def has_latin_words(msgid):
    """Whether a text has words to translate: placeholders (%(name)s, ${expression}), tags and a few
    acronyms that stay as they are in Chinese do not count."""
    text = re.sub(r'%\(\w+\)s|%s|<[^>]*>|\$\{[^}]*\}', '', msgid)
    return bool(re.search('[A-Za-z]{2,}', text)) and msgid not in ('ID', 'SWOT', 'SLA')


def check(path):
    problems = []
    entries = parse_po(open(path, encoding='utf-8').read())
    for entry in entries:
        msgid, msgstr = entry['msgid'], entry['msgstr']
        if not msgid:
            continue
        if not msgstr or (msgstr == msgid and has_latin_words(msgid)):
            problems.append('%s: untranslated %r' % (path, msgid[:80]))
    if not any('ir.module.module,shortdesc' in c for e in entries for c in e['comments']):
        problems.append('%s: the module name has no Chinese translation (ir.module.module,shortdesc)' % path)
    return problems


def main(paths):
    problems = []
    for path in paths or sorted(glob.glob('addons/*/i18n/zh_CN.po')):
        try:
            problems += check(path)
        except (ValueError, AssertionError) as e:
            problems.append('%s: cannot parse: %s' % (path, e))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
