"""Normalisation used by the 撞单 (duplicate customer) engine.

Pure functions, no ORM: the stored ``*_normalized`` fields of ``res.partner`` are computed with them
and the engine normalises the values it is asked about with the same functions, so both sides of a
comparison always went through the same rules. ``tests/test_duplicate_engine.py`` has the table.
"""
import re
import unicodedata

from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError as StdnumValidationError

# Company-form suffixes, stripped from the end (longest first, repeatedly: 集团有限公司 -> 集团 -> '').
COMPANY_SUFFIXES = sorted([
    '集团股份有限公司', '集团有限责任公司', '股份有限公司', '有限责任公司', '集团有限公司', '集团公司',
    '有限合伙', '股份公司', '有限公司', '总公司', '集团', '公司',
], key=len, reverse=True)

# English company forms, stripped from the end when they are a separate word ("Costco" keeps its "co").
_ENGLISH_SUFFIX_RE = re.compile(
    r'(?<![a-z0-9])(?:co\W*ltd|company\W+limited|limited|ltd|incorporated|inc|corporation|corp|llc|gmbh|'
    r'company|co|group)\W*$')

_REGION_NAMES = [
    # municipalities, provinces, autonomous regions, special administrative regions
    '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建',
    '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海',
    '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
    # provincial capitals and other major cities
    '石家庄', '太原', '沈阳', '大连', '长春', '哈尔滨', '南京', '苏州', '无锡', '常州', '南通', '徐州', '扬州',
    '杭州', '宁波', '温州', '绍兴', '嘉兴', '金华', '台州', '合肥', '福州', '厦门', '泉州', '南昌', '济南',
    '青岛', '烟台', '潍坊', '郑州', '武汉', '长沙', '广州', '深圳', '珠海', '佛山', '东莞', '中山', '惠州',
    '汕头', '海口', '三亚', '成都', '贵阳', '昆明', '拉萨', '西安', '兰州', '西宁', '银川', '乌鲁木齐',
    '呼和浩特', '南宁', '桂林',
]
_REGION_FORMS = ['省', '市', '自治区', '壮族自治区', '回族自治区', '维吾尔自治区', '特别行政区']
# "广东省", "广东", "深圳市", "广西壮族自治区" …, longest first so that "广东省" wins over "广东".
REGION_PREFIXES = sorted(
    set(_REGION_NAMES) | {name + form for name in _REGION_NAMES for form in _REGION_FORMS},
    key=len, reverse=True)

# A region prefix is stripped only if this many characters remain: "四川航空" and "海南航空" must not
# both become "航空" and block each other, while "上海华贸商贸" still becomes "华贸商贸".
MIN_CORE_LENGTH = 3

# The first of REGION_PREFIXES (longest first) that leaves MIN_CORE_LENGTH characters: one regular
# expression instead of a loop over the 400 prefixes (the 撞单 check normalises every name it is given).
_REGION_PREFIX_RE = re.compile('(?:%s)(?=.{%d})' % ('|'.join(map(re.escape, REGION_PREFIXES)), MIN_CORE_LENGTH),
                               re.DOTALL)

# Phone numbers shorter than this (extensions, "123") are not compared at all.
MIN_PHONE_DIGITS = 7


def _strip_suffixes(text, suffixes):
    stripped = True
    while stripped:
        stripped = False
        for suffix in suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[:-len(suffix)]
                stripped = True
                break
    return text


def normalize_company_name(name):
    """'上海华贸商贸有限公司' -> '华贸商贸'; 'ＡＢＣ Trading Co., Ltd.' -> 'abctrading'. '' for no name."""
    if not name:
        return ''
    text = unicodedata.normalize('NFKC', name).lower().strip()
    match = _ENGLISH_SUFFIX_RE.search(text)
    while match and match.start() > 0:
        text = text[:match.start()].rstrip()
        match = _ENGLISH_SUFFIX_RE.search(text)
    # letters and digits only: spaces, Chinese and ASCII punctuation and symbols go
    text = ''.join(char for char in text if unicodedata.category(char)[0] in 'LN')
    text = _strip_suffixes(text, COMPANY_SUFFIXES)
    match = _REGION_PREFIX_RE.match(text)
    while match:
        text = text[match.end():]
        match = _REGION_PREFIX_RE.match(text)
    return text


def normalize_phone(phone):
    """'+86 25 5210 6688', '025-5210 6688' and '0086 25 52106688' all give '2552106688'."""
    if not phone:
        return ''
    text = unicodedata.normalize('NFKC', phone).strip()
    digits = ''.join(char for char in text if char.isdigit())
    if digits.startswith('0086'):
        digits = digits[4:]
    elif digits.startswith('86') and (text.startswith('+') or len(digits) >= 12):
        # a country code, not the start of a local number like 8612 3456
        digits = digits[2:]
    if digits.startswith('0'):
        digits = digits[1:]  # domestic trunk prefix of an area code: 025 ... = +86 25 ...
    return digits if len(digits) >= MIN_PHONE_DIGITS else ''


def normalize_email(email):
    return (email or '').strip().lower()


def compact_credit_code(code):
    """Upper case, no spaces or dashes: the form the code is stored in."""
    return uscc.compact(code) if code else ''


def credit_code_problem(code):
    """None when ``code`` is a valid 统一社会信用代码 (GB 32100-2015), else why not, in English
    (the caller translates it)."""
    try:
        uscc.validate(code)
    except InvalidLength:
        return 'length'
    except InvalidChecksum:
        return 'checksum'
    except StdnumValidationError:
        return 'format'
    return None
