"""The names and texts of the demo team: people, companies, contacts, products and conversation snippets.

Everything here is invented. Chinese customers get Chinese texts, English customers English ones.
"""

from __future__ import annotations

from dataclasses import dataclass

TEAM_NAME = "华东销售一组 / East China Team 1"
TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    latin: str
    username: str
    telegram_id: int
    role: str
    language: str


PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec("wang", "王芳", "Wang Fang", "wangfang", 910001, "manager", "zh"),
    PersonSpec("li", "李伟", "Li Wei", "liwei", 910002, "rep", "zh"),
    PersonSpec("chen", "陈静", "Chen Jing", "chenjing", 910003, "rep", "zh"),
    PersonSpec("tom", "Tom Baker", "Tom Baker", "tombaker", 910004, "rep", "en"),
)

# Approximate city centres, for customers whose address a rep has confirmed with a shared location.
CITY_COORDS: dict[str, tuple[float, float]] = {
    "上海": (31.2304, 121.4737), "杭州": (30.2741, 120.1551), "苏州": (31.2989, 120.5853),
    "南京": (32.0603, 118.7969), "宁波": (29.8683, 121.5440), "无锡": (31.4912, 120.3119),
    "合肥": (31.8206, 117.2272), "昆山": (31.3846, 120.9808), "深圳": (22.5431, 114.0579),
    "北京": (39.9042, 116.4074), "Shanghai": (31.2304, 121.4737), "Suzhou": (31.2989, 120.5853),
    "Ningbo": (29.8683, 121.5440), "Kunshan": (31.3846, 120.9808), "Hangzhou": (30.2741, 120.1551),
}


@dataclass(frozen=True)
class CustomerSpec:
    industry: str  # two-letter abbreviation, see bot.domain.codes.INDUSTRIES
    name: str
    language: str
    region: str
    size: str
    source: str  # exhibition / referral / inbound / tender / cold_call
    owner: str  # PersonSpec.key
    tier: str
    domain: str
    address: str
    background: str


CUSTOMERS: tuple[CustomerSpec, ...] = (
    CustomerSpec("IT", "华星科技有限公司", "zh", "上海", "200-500人，年营收约2亿元", "exhibition", "li", "A",
                 "huaxing-tech.cn", "上海市浦东新区张江高科技园区碧波路690号",
                 "企业软件集成商，成立于2009年，华东区市场份额前五；主要竞争对手为用友、金蝶的渠道商。"),
    CustomerSpec("IT", "深圳云帆电子有限公司", "zh", "深圳", "500-1000人", "referral", "chen", "B",
                 "yunfan-e.com", "深圳市南山区科技园南区高新南七道18号",
                 "消费电子方案商，正在把华东办事处升级为区域总部，需要统一的销售与客服系统。"),
    CustomerSpec("IT", "Acme Corp", "en", "Shanghai", "1000+ staff (APAC)", "referral", "tom", "B",
                 "acme.example.com", "Floor 21, 1000 Lujiazui Ring Road, Pudong, Shanghai",
                 "US industrial-supplies group; the Shanghai office runs APAC sales. Current vendor: Salesforce reseller."),
    CustomerSpec("IT", "杭州数联信息技术有限公司", "zh", "杭州", "50-200人", "inbound", "chen", "C",
                 "shulian-info.cn", "杭州市西湖区文三路478号华星时代广场B座",
                 "政务数据服务商，项目制采购，决策慢；去年通过官网主动咨询。"),
    CustomerSpec("IT", "Initech Software", "en", "Suzhou", "200-500 staff", "exhibition", "tom", "C",
                 "initech.example.com", "88 Xinghu Street, Suzhou Industrial Park",
                 "Software outsourcing for European banks; met at the Shanghai CIO Summit."),
    CustomerSpec("MF", "苏州精工机械制造有限公司", "zh", "苏州", "500-1000人，年产值约5亿元", "tender", "li", "A",
                 "jinggong-mach.cn", "苏州市吴中区木渎镇金枫南路1288号",
                 "精密数控机床制造商，出口占比40%；通过招标公告接触，竞争对手为西门子代理商。"),
    CustomerSpec("MF", "宁波海天塑料制品有限公司", "zh", "宁波", "200-500人", "exhibition", "chen", "B",
                 "haitian-plastic.cn", "宁波市北仑区小港街道纬五路15号",
                 "注塑件供应商，客户以家电企业为主；在宁波工业博览会上认识。"),
    CustomerSpec("MF", "Globex Manufacturing", "en", "Kunshan", "1000+ staff", "cold_call", "tom", "B",
                 "globex.example.com", "168 Huanqing Road, Kunshan Development Zone",
                 "Taiwanese-owned electronics assembler; plant manager is the decision maker."),
    CustomerSpec("MF", "无锡恒力电机有限公司", "zh", "无锡", "50-200人", "cold_call", "li", "D",
                 "hengli-motor.cn", "无锡市新吴区锡梅路9号",
                 "小型电机厂，家族企业，目前没有明确的信息化计划。"),
    CustomerSpec("RT", "上海百联优选超市有限公司", "zh", "上海", "门店48家", "referral", "chen", "B",
                 "bailian-youxuan.cn", "上海市黄浦区西藏中路268号",
                 "社区连锁超市，正在推进会员数字化；由华星科技转介绍。"),
    CustomerSpec("RT", "南京金鹰商贸有限公司", "zh", "南京", "1000+人", "exhibition", "li", "C",
                 "jinying-trade.cn", "南京市秦淮区汉中路89号",
                 "百货与奥莱运营商，IT预算集中在下半年。"),
    CustomerSpec("RT", "Sunrise Retail Group", "en", "Shanghai", "120 stores", "inbound", "tom", "A",
                 "sunrise-retail.example.com", "500 Nanjing West Road, Jing'an, Shanghai",
                 "Imported-food retail chain; expanding into Hangzhou and Suzhou this year."),
    CustomerSpec("FN", "浙商汇金融服务有限公司", "zh", "杭州", "200-500人", "referral", "chen", "A",
                 "zsh-finance.cn", "杭州市上城区钱江路1366号华润大厦A座",
                 "供应链金融平台，合规要求高，需要私有化部署；主要竞争对手为本地定制开发商。"),
    CustomerSpec("FN", "上海浦江小额贷款有限公司", "zh", "上海", "50-200人", "cold_call", "li", "C",
                 "pujiang-loan.cn", "上海市闵行区沪闵路7866号",
                 "区域小贷公司，业务量受监管政策影响较大。"),
    CustomerSpec("FN", "Pacific Rim Capital", "en", "Shanghai", "50-200 staff", "exhibition", "tom", "B",
                 "pacrim.example.com", "Two IFC, 8 Century Avenue, Pudong, Shanghai",
                 "Boutique asset manager; relationship managers need a shared client book."),
    CustomerSpec("ED", "上海明德教育科技有限公司", "zh", "上海", "200-500人", "inbound", "li", "B",
                 "mingde-edu.cn", "上海市徐汇区漕溪北路398号",
                 "K12课外辅导转型素质教育，招生顾问团队约80人。"),
    CustomerSpec("ED", "杭州启航培训学校", "zh", "杭州", "50人以下", "cold_call", "chen", "D",
                 "qihang-school.cn", "杭州市拱墅区莫干山路100号",
                 "职业技能培训学校，预算有限，暂无采购计划。"),
    CustomerSpec("ED", "Brightpath International School", "en", "Suzhou", "200-500 staff", "tender", "tom", "C",
                 "brightpath.example.edu", "1 Renai Road, Suzhou Dushu Lake Higher Education Town",
                 "International school; admissions team evaluates tools every spring."),
    CustomerSpec("MD", "江苏康宁医疗器械有限公司", "zh", "南京", "500-1000人", "tender", "chen", "A",
                 "kangning-med.cn", "南京市江宁区天元东路228号",
                 "医用耗材生产商，经销商网络覆盖华东六省；正在替换老旧的经销商管理系统。"),
    CustomerSpec("MD", "上海仁济健康管理中心", "zh", "上海", "50-200人", "referral", "li", "C",
                 "renji-health.cn", "上海市长宁区虹桥路1号",
                 "高端体检中心，客户服务流程依赖纸质表单。"),
    CustomerSpec("MD", "Medline Asia Pacific", "en", "Shanghai", "1000+ staff (APAC)", "exhibition", "tom", "D",
                 "medline-ap.example.com", "Shanghai Tower, 501 Yincheng Middle Road, Pudong",
                 "Global procurement decides; local office has no budget this year."),
    CustomerSpec("LG", "北京远航物流有限公司", "zh", "北京", "1000+人", "exhibition", "li", "B",
                 "yuanhang-log.cn", "北京市顺义区空港物流园区裕华路6号",
                 "第三方物流，华东分拨中心在昆山；关注司机与网点的移动端管理。"),
    CustomerSpec("LG", "上海东方速运有限公司", "zh", "上海", "200-500人", "inbound", "chen", "C",
                 "dongfang-express.cn", "上海市宝山区沪太路3100号",
                 "同城快运公司，价格敏感。"),
    CustomerSpec("LG", "Stark Freight Logistics", "en", "Ningbo", "500-1000 staff", "referral", "tom", "B",
                 "starkfreight.example.com", "Meishan Bonded Port, Beilun, Ningbo",
                 "Freight forwarder at Ningbo port; referred by Globex."),
    CustomerSpec("FD", "合肥味全食品有限公司", "zh", "合肥", "500-1000人", "exhibition", "chen", "B",
                 "weiquan-food.cn", "合肥市经济技术开发区繁华大道2号",
                 "乳制品和饮料生产商，经销商渠道为主；在糖酒会上认识。"),
    CustomerSpec("FD", "上海老城隍庙餐饮管理有限公司", "zh", "上海", "门店15家", "cold_call", "li", "D",
                 "lchm-food.cn", "上海市黄浦区豫园老街115号",
                 "老字号餐饮，管理层对新系统兴趣不大。"),
    CustomerSpec("FD", "Umbrella Foods Ltd", "en", "Shanghai", "200-500 staff", "inbound", "tom", "C",
                 "umbrella-foods.example.com", "288 Fute North Road, Waigaoqiao FTZ, Shanghai",
                 "Snack importer; evaluating tools for its distributor sales team."),
    CustomerSpec("CN", "中建华东装饰工程有限公司", "zh", "上海", "1000+人", "tender", "chen", "C",
                 "zjhd-deco.cn", "上海市杨浦区国定路335号",
                 "国企背景装饰工程公司，采购走公开招标。"),
    CustomerSpec("EN", "江苏绿能光伏科技有限公司", "zh", "无锡", "500-1000人", "tender", "li", "A",
                 "lvneng-pv.cn", "无锡市滨湖区蠡园开发区滴翠路100号",
                 "光伏组件制造商，海外订单增长快，销售团队扩张到60人。"),
    CustomerSpec("EN", "Hooli Energy Solutions", "en", "Shanghai", "50-200 staff", "cold_call", "tom", "D",
                 "hooli-energy.example.com", "1788 Xinzha Road, Jing'an, Shanghai",
                 "Energy-efficiency consultancy; no project planned."),
)

# Contact pools: (name, handle used for e-mail and WeChat ids)
ZH_CONTACTS: tuple[tuple[str, str], ...] = (
    ("张伟", "zhang.wei"), ("王磊", "wang.lei"), ("刘洋", "liu.yang"), ("赵敏", "zhao.min"),
    ("孙丽", "sun.li"), ("周涛", "zhou.tao"), ("吴刚", "wu.gang"), ("郑爽", "zheng.shuang"),
    ("马超", "ma.chao"), ("胡静", "hu.jing"), ("朱婷", "zhu.ting"), ("高翔", "gao.xiang"),
    ("林峰", "lin.feng"), ("何雪", "he.xue"), ("郭斌", "guo.bin"), ("罗红", "luo.hong"),
    ("梁晨", "liang.chen"), ("宋佳", "song.jia"), ("唐亮", "tang.liang"), ("许可", "xu.ke"),
    ("韩冰", "han.bing"), ("冯凯", "feng.kai"), ("曹阳", "cao.yang"), ("彭丽娟", "peng.lijuan"),
    ("曾志强", "zeng.zhiqiang"), ("谢婉", "xie.wan"), ("邓超群", "deng.chaoqun"), ("蒋文", "jiang.wen"),
)
EN_CONTACTS: tuple[tuple[str, str], ...] = (
    ("Sarah Miller", "s.miller"), ("David Chen", "d.chen"), ("Emma Wilson", "e.wilson"),
    ("James Liu", "j.liu"), ("Olivia Brown", "o.brown"), ("Michael Zhang", "m.zhang"),
    ("Sophie Martin", "s.martin"), ("Daniel Wong", "d.wong"), ("Laura Schmidt", "l.schmidt"),
    ("Kevin O'Brien", "k.obrien"), ("Hannah Lee", "h.lee"), ("Peter Novak", "p.novak"),
)
ZH_TITLES: tuple[str, ...] = ("采购经理", "总经理", "信息部总监", "财务总监", "销售副总", "行政主管", "运营经理")
EN_TITLES: tuple[str, ...] = ("Procurement Manager", "Managing Director", "Head of IT", "CFO",
                              "VP Sales", "Operations Director", "Office Manager")

# What we sell, by industry: (zh title, en title)
PRODUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    "IT": (("CRM系统实施", "CRM rollout"), ("数据中台项目", "data platform project"),
           ("云服务器年度采购", "annual cloud server purchase")),
    "MF": (("MES生产执行系统", "MES shop-floor system"), ("经销商管理平台", "dealer management platform"),
           ("设备物联网改造", "machine IoT retrofit")),
    "RT": (("会员营销系统", "loyalty & marketing suite"), ("门店巡检App", "store audit app"),
           ("进销存系统升级", "inventory system upgrade")),
    "FN": (("客户关系管理私有化部署", "on-premise client book"), ("合规审计模块", "compliance audit module"),
           ("移动展业平台", "mobile advisor platform")),
    "ED": (("招生CRM", "admissions CRM"), ("家校沟通平台", "parent communication platform"),
           ("课程排期系统", "timetabling system")),
    "MD": (("经销商管理系统", "distributor management system"), ("医院拜访管理", "hospital visit tracking"),
           ("客服工单系统", "service ticketing")),
    "LG": (("司机移动端", "driver mobile app"), ("网点管理系统", "depot management system"),
           ("运单追踪平台", "shipment tracking platform")),
    "FD": (("渠道销售管理", "channel sales management"), ("终端陈列巡检", "shelf audit app"),
           ("订货小程序", "ordering mini-program")),
    "CN": (("项目协同平台", "project collaboration platform"), ("投标管理系统", "tender management system")),
    "EN": (("海外销售CRM", "export sales CRM"), ("售后服务管理", "after-sales service management")),
}

CHANNEL_PREFIX: dict[str, dict[str, str]] = {
    "zh": {"phone": "电话联系{contact}：", "visit": "上门拜访{contact}：", "email": "邮件跟进{contact}：",
           "meeting": "在行业会议上与{contact}交流：", "message": "微信沟通{contact}："},
    "en": {"phone": "Called {contact}: ", "visit": "Visited {contact} on site: ", "email": "Emailed {contact}: ",
           "meeting": "Met {contact} at an industry event: ", "message": "WeChat with {contact}: "},
}

SUMMARIES: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "positive": (
            "客户对{product}方案很认可，希望下周安排产品演示。",
            "对方确认预算已批，询问交付周期和付款方式。",
            "客户反馈试用效果不错，准备提交内部采购审批。",
            "{contact}表示老板很关注这个项目，要求尽快提供正式报价。",
            "演示顺利，客户IT部门提出两个对接需求，我方答应三天内给出技术方案。",
            "客户同意把{product}纳入今年的采购计划，需要我们提供两家同行业案例。",
        ),
        "hesitant": (
            "客户对价格有顾虑，认为比竞品高约10%，需要补充性价比说明。",
            "对方还在比较两家供应商，决策时间可能推迟到下个月。",
            "客户担心实施周期过长影响业务，希望看到同行业案例。",
            "预算尚未确定，{contact}需要先向财务总监汇报。",
            "客户认可功能，但对数据迁移有疑虑，要求我方出具迁移计划。",
        ),
        "rejected": (
            "客户表示今年预算已削减，暂不考虑{product}。",
            "对方已选择竞品，明确拒绝本次报价。",
            "客户认为目前没有需求，请三个月后再联系。",
        ),
    },
    "en": {
        "positive": (
            "they like the {product} proposal and want a demo next week.",
            "budget is approved; they asked about delivery time and payment terms.",
            "the trial went well, they are sending it for internal purchase approval.",
            "{contact} says the MD is watching this project and wants a formal quote soon.",
            "demo went smoothly; IT raised two integration questions, we promised a technical note in 3 days.",
        ),
        "hesitant": (
            "price concern: about 10% above the competitor, need a value comparison.",
            "still comparing two vendors; decision may slip to next month.",
            "worried the rollout will disrupt operations, asked for a reference customer.",
            "budget not confirmed yet, {contact} has to check with the CFO first.",
        ),
        "rejected": (
            "budget was cut this year, {product} is off the table for now.",
            "they went with a competitor and declined our quote.",
            "no need at the moment, asked us to check back in three months.",
        ),
    },
}

NEXT_ACTIONS: dict[str, tuple[str, ...]] = {
    "zh": ("发送正式报价单", "安排产品演示", "电话确认采购审批进度", "提交技术对接方案", "寄送同行业案例资料",
           "约见财务总监", "上门拜访并签署保密协议", "回访试用反馈", "确认合同条款修改意见"),
    "en": ("send the formal quote", "schedule a product demo", "call to check the approval status",
           "send the integration note", "share two reference cases", "meet the CFO",
           "visit to sign the NDA", "follow up on the trial feedback", "confirm the contract redlines"),
}

LOST_REASONS: dict[str, tuple[str, ...]] = {
    "zh": ("客户选择了竞品，价格低15%", "客户预算被削减，项目取消", "决策人离职，项目暂停"),
    "en": ("lost to a competitor on price", "budget cut, project cancelled", "champion left, project on hold"),
}

NEED_TEXTS: dict[str, tuple[str, ...]] = {
    "zh": ("统一管理销售线索和客户跟进记录", "经销商订货与库存可视化", "移动端拜访签到与照片留档",
           "替换现有老旧系统，数据可迁移", "与现有ERP对接，减少重复录入"),
    "en": ("one place for leads and follow-ups", "visibility of dealer orders and stock",
           "mobile visit check-in with photos", "replace the legacy system with data migration",
           "integrate with the ERP to stop double entry"),
}
DECISION_TEXTS: dict[str, tuple[str, ...]] = {
    "zh": ("部门提需求 → 信息部评估 → 总经理审批", "采购部比价，三家供应商入围后招标", "董事会季度会议审批"),
    "en": ("department request → IT review → MD sign-off", "procurement shortlists three vendors, then tender",
           "approved at the quarterly board meeting"),
}
PREFERENCE_TEXTS: dict[str, tuple[str, ...]] = {
    "zh": ("偏好本地化部署", "重视售后响应速度", "希望按年付费"),
    "en": ("prefers on-premise", "values fast support response", "wants annual billing"),
}

COMPLAINTS: tuple[tuple[str, str, str, str | None], ...] = (
    # (language, content, severity, resolution)
    ("zh", "系统升级后导出报表速度变慢，影响月底对账。", "normal", "优化了报表查询索引，导出时间恢复到10秒以内。"),
    ("zh", "实施顾问多次更换，客户对沟通质量不满意。", "high", "指定固定项目经理并每周发送进度周报。"),
    ("en", "Invoice sent with the wrong tax rate.", "low", "Credit note issued and invoice re-sent the same day."),
    ("zh", "培训资料只有中文版，外籍员工无法使用。", "low", None),  # still open
    ("zh", "合同约定的交付日期延误了一周。", "high", "补偿一个月免费服务，客户接受。"),
)
FEEDBACK: tuple[tuple[str, str], ...] = (
    ("zh", "销售跟进及时，希望增加微信消息提醒功能。"),
    ("en", "Onboarding was smooth; the mobile app could be faster."),
)

PAYMENT_METHODS: tuple[str, ...] = ("银行转账，30/60/10分期", "银行转账，一次性付清", "承兑汇票")
DELIVERY_TEXTS: tuple[str, ...] = ("签约后45天内完成部署与培训", "分两期上线：先总部后门店", "远程交付，现场验收")
CONTRACT_SUMMARIES: tuple[str, ...] = ("软件许可 + 实施服务 + 一年维保", "年度订阅，含50个用户席位",
                                       "硬件 + 安装调试 + 三年质保")
