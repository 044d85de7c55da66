/**
 * Built-in stoplist: fixed political formulas (提法) that every 党建 story may print
 * and that are therefore no evidence of copying (domain §9: do not cry wolf). A
 * matched run does not count the characters these phrases cover. This is data the
 * paper extends through `DuplicateSettings.stoplist`; it lists set phrases, never
 * sentences of a test page. Matching is on normalised text, so punctuation inside a
 * phrase (不忘初心、牢记使命) does not matter.
 */
export const DEFAULT_STOPLIST: readonly string[] = [
  '习近平新时代中国特色社会主义思想',
  '习近平总书记重要讲话精神',
  '习近平总书记重要指示批示精神',
  '习近平生态文明思想',
  '习近平法治思想',
  '中国特色社会主义',
  '以习近平同志为核心的党中央',
  '深入学习贯彻',
  '认真学习贯彻',
  '学习贯彻党的二十大精神',
  '党的二十大精神',
  '党的二十届三中全会精神',
  '不忘初心、牢记使命',
  '全面从严治党',
  '两个确立',
  '两个维护',
  '四个意识',
  '四个自信',
  '三会一课',
  '主题教育',
  '党史学习教育',
  '党建引领基层治理',
  '抓党建促乡村振兴',
  '乡村振兴',
  '基层党组织',
  '战斗堡垒作用',
  '先锋模范作用',
  '政治功能和组织力',
  '以人民为中心',
  '全心全意为人民服务',
  '共建共治共享',
  '两委',
  '百千万工程',
  '绿水青山就是金山银山',
];
