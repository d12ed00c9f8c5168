"""Plausible Chinese company names, phones and valid 统一社会信用代码 for generated customers."""
from stdnum.cn import uscc

REGIONS = ['上海', '北京', '天津', '重庆', '南京', '苏州', '无锡', '杭州', '宁波', '合肥', '福州', '厦门',
           '济南', '青岛', '广州', '深圳', '东莞', '佛山', '武汉', '长沙', '成都', '西安', '郑州', '沈阳',
           '大连', '哈尔滨', '昆明', '南宁', '江苏', '浙江', '广东', '山东', '河南', '湖北', '四川']
# Characters of trade names (字号 such as "华贸", "恒通"): two or three of a few hundred common ones
NAME_CHARS = ('华恒通达鑫盛泰隆瑞丰源宏信诚德安康宇嘉兴利振远祥和金银鼎晟昌欣凯新伟正明光辉永运佳东南西北中天海山川'
              '江博创科联众志腾飞跃翔龙凤麒麟鹏程万里宝富贵荣耀星月日辰阳晨曦春秋冬夏松柏竹梅兰菊荷莲桂林森木水火土'
              '石玉珠晶钻锦绣彩虹云霞雨露霖泽润沛浩瀚洋波涛湖泉溪峰岭岳崇高大广宽厚实坚强劲威力雄豪杰英俊秀美丽雅致'
              '精义仁礼智勇忠孝廉节立功成业旺发展进步升扬帆航舟桥路畅顺吉福禄寿喜乐融合汇聚集群盟友邦国际环球宙寰亚'
              '欧非澳太平亿千百十方圆直向标准优良品质尚卓越超凡常')
INDUSTRIES = ['机电', '电气', '自动化', '五金', '化工', '物流', '贸易', '商贸', '电子', '科技', '实业', '精密',
              '机械', '材料', '包装', '建材', '医疗器械', '仪器仪表', '汽车配件', '能源', '环保', '纺织', '食品',
              '供应链', '进出口', '工业', '智能', '光电', '新材料', '信息技术']
SUFFIXES = ['有限公司', '有限责任公司', '股份有限公司', '集团有限公司', '有限公司']
DIVISIONS = ['310000', '320500', '330100', '440300', '440100', '110000', '120000', '500000', '420100', '510100']
ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'


def company_name(random):
    core = random.choice(NAME_CHARS) + random.choice(NAME_CHARS)
    if random.random() < 0.3:
        core += random.choice(NAME_CHARS)
    return random.choice(REGIONS) + core + random.choice(INDUSTRIES) + random.choice(SUFFIXES)


def phone(random):
    return '0%d-%d' % (random.choice([21, 10, 22, 23, 25, 512, 571, 755, 20, 27, 28]),
                       random.randint(50000000, 89999999))


def credit_code(random):
    body = '91' + random.choice(DIVISIONS) + ''.join(random.choice(ORG_ALPHABET) for _ in range(9))
    return body + uscc.calc_check_digit(body)
