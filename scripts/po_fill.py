"""Fill a module's i18n/zh_CN.po from an Odoo export and a table of translations.

    python scripts/po_fill.py EXPORTED.po TRANSLATIONS.tsv OUT.po

EXPORTED.po comes from `odoo --i18n-export=... -l zh_CN --modules=M`; TRANSLATIONS.tsv
holds `msgid<TAB>msgstr` lines (\\n for newlines). Existing translations in OUT.po
are kept; untranslated entries are listed on stderr.
"""
import ast
import os
import sys

from po_check import has_latin_words, parse_po, quote


def main(exported, table, out):
    translations = {}
    try:
        translations.update({e['msgid']: e['msgstr'] for e in parse_po(open(out, encoding='utf-8').read())
                             if e['msgstr'] and e['msgstr'] != e['msgid']})
    except FileNotFoundError:
        pass
    for line in open(table, encoding='utf-8'):
        if '\t' in line:
            src, dst = line.rstrip('\n').split('\t', 1)
            translations[src.replace('\\n', '\n')] = dst.replace('\\n', '\n')
    text = open(exported, encoding='utf-8').read()
    header, _sep, _rest = text.partition('\n\n')
    chunks = [header]
    missing = []
    for entry in parse_po(text):
        if not entry['msgid'] or any('ir.module.module,shortdesc' in c for c in entry['comments']):
            continue
        msgstr = translations.get(entry['msgid'], entry['msgstr'])
        if not msgstr and not has_latin_words(entry['msgid']):
            msgstr = entry['msgid']  # Chinese text (demo templates, names) stays as it is
        if entry['msgid'] not in translations and msgstr == entry['msgid']:
            missing.append(entry['msgid'])
        chunks.append('\n'.join(entry['comments'] + ['msgid ' + quote(entry['msgid']),
                                                     'msgstr ' + quote(msgstr)]))
    # The module's own name (shown in Apps) is a term of base's ir.module.module record.
    module = os.path.basename(os.path.dirname(os.path.dirname(os.path.abspath(out))))
    manifest = ast.literal_eval(open(os.path.join(os.path.dirname(os.path.dirname(out)), '__manifest__.py')).read())
    if manifest['name'] in translations:
        chunks.insert(1, '\n'.join(['#. module: %s' % module,
                                    '#: model:ir.module.module,shortdesc:base.module_%s' % module,
                                    'msgid ' + quote(manifest['name']),
                                    'msgstr ' + quote(translations[manifest['name']])]))
    else:
        missing.append(manifest['name'])
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n\n'.join(chunks) + '\n')
    for msgid in missing:
        print('untranslated: %r' % msgid, file=sys.stderr)


if __name__ == '__main__':
    main(*sys.argv[1:4])
