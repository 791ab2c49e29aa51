# 简体中文目录。键名为 组-名称；每个键在 en.ftl 中也必须存在。

## 窗口
app-title = 售后服务台
app-language = 语言
app-database = 数据库：{ $path }
nav-warranty-cards = 质量保证卡
nav-settings = 设置
toast-dismiss = 关闭
draft-restored = 已恢复上次未保存的保证卡。
demo-loaded = 已添加 { $cards } 张演示保证卡和 { $complaints } 件投诉。
file-blank-card = 空白质量保证卡

## 表单通用
form-back = ← 返回列表
form-save = 保存
form-unsaved = （有未保存的修改）
form-required = 必填
form-calendar = 日历
form-problems = 有 { $count } 处需要修改
unsaved-title = 未保存的修改
unsaved-question = 这张卡有未保存的修改。离开前要保存吗？
unsaved-save = 保存
unsaved-discard = 放弃修改
unsaved-cancel = 继续编辑

## 保证卡列表
cards-search = 搜索
cards-search-hint = 登记号、姓名、电话、型号或编号
cards-count = 共 { $total } 张，显示 { $shown } 张
cards-new = 新建保证卡
cards-print-blank = 打印空白卡…
cards-empty = 还没有质量保证卡。

## 质量保证卡
card-title = 质量保证卡
card-new-title = 新建质量保证卡
card-registration-no = 登记号
card-issue-date = 发卡日期
card-issuing-dealer = 发卡经销商
card-customer-name = 用户姓名
card-customer-address = 地址
card-customer-phone = 电话
card-product-category = 产品类别
card-product-model = 产品型号
card-serial-no = 机身编号
card-purchase-date = 购买日期
card-purchase-area = 购买地区
card-installation-date = 安装日期
card-invoice-no = 发票号码
card-warranty-months = 保修期（月）
card-warranty-end = 保修截止
card-feedback-returned = 质量反馈单
card-feedback-returned-check = 用户已寄回
card-status = 状态
card-status-line = 保修状态：{ $status }（保修至 { $end }）
card-warranty-end-line = 保修至 { $end }。
card-export-pdf = 导出 PDF…
card-export-save-first = 请先保存
card-saved = 保证卡 { $number } 已保存。
status-valid = 有效
status-expired = 已过期
status-waived = 已放弃（未寄回反馈单）

## 校验
error-required = 必填
error-too-long = 内容过长
error-control-characters = 含有控制字符
error-date-format = 请按 年-月-日 填写，例如 2026-11-23
error-date-no-such-day = 没有这一天
error-date-in-future = 日期不能晚于今天
error-purchase-after-installation = 购买日期不能晚于安装日期
error-phone = 不是有效的电话号码（手机、带区号的座机或 +国家代码）
error-warranty-months = 请填写 1 到 120 的整月数
error-grace-days = 请填写 0 到 3650 的整天数
error-prefix = 1 到 8 位大写字母或数字
error-disk-full = 磁盘已满，保证卡未保存。请清理空间后再保存，已填写的内容不会丢失。
error-busy = 数据库正被另一个窗口使用，请稍后再试。

## 设置
settings-title = 设置
settings-company-name = 公司名称（印在表单上）
settings-own-dealer = 本单位／经销商
settings-card-prefix = 登记号前缀
settings-complaint-prefix = 投诉编号前缀
settings-unit-level = 本程序使用单位级别
settings-default-warranty-months = 默认保修期（月）
settings-feedback-grace-days = 反馈单寄回期限（天）
settings-saved = 设置已保存。
settings-demo-title = 演示数据
settings-demo-explain = 添加 500 张逼真的演示保证卡及部分投诉，用于试用本程序。
settings-load-demo = 载入演示数据

## 纸面（中英双语打印）
pdf-card-title = 质量保证卡
pdf-section-card = 卡片
pdf-section-customer = 用户
pdf-section-product = 产品
pdf-page-of = 第 { $page } 页，共 { $pages } 页
pdf-continued = （续）
pdf-date = 日期
pdf-yes = 是
pdf-no = 否
pdf-sign-customer = 用户签名
pdf-sign-dealer-seal = 经销商盖章
pdf-sign-clerk = 经办人
pdf-card-terms = 请用户填写质量反馈单，并于发卡之日起 { $days } 天内寄回；逾期未寄回视为自动放弃保修。请妥善保管本卡及发票，维修时出示。
pdf-written = PDF 已保存到 { $path }

## 客户投诉受理表
nav-complaints = 客户投诉
complaint-title = 客户投诉
complaint-new-title = 新建客户投诉
complaint-number = 投诉编号
complaint-received-at = 受理时间
complaint-channel = 投诉渠道
complaint-channel-phone = 电话
complaint-channel-fax = 传真
complaint-channel-mail = 信函
complaint-channel-visit = 来访
complaint-channel-via-dealer = 经销商转达
complaint-channel-online = 网络
complaint-receiving-unit = 受理级别
complaint-unit-dealer = 经销商
complaint-unit-hq = 总部
complaint-receiving-unit-name = 受理单位
complaint-received-by = 受理人
complaint-warranty-no = 保证卡登记号
complaint-warranty-found = 已找到保证卡：{ $name }，{ $model }。保修状态：{ $status }（保修至 { $end }）。
complaint-warranty-not-found = 没有这个登记号的保证卡，请手工填写用户和产品。
complaint-type = 投诉类别
complaint-type-product-quality = 产品质量
complaint-type-installation-quality = 安装质量
complaint-type-service-attitude = 服务态度
complaint-type-improper-use = 使用不当（非质量）
complaint-type-transport-damage = 运输损坏（非质量）
complaint-type-other = 其他（非质量）
complaint-description = 投诉内容
complaint-request = 用户要求
complaint-request-repair = 维修
complaint-request-replace = 更换
complaint-request-refund = 退货
complaint-request-compensation = 赔偿
complaint-request-explanation = 解释说明
complaint-urgency = 紧急程度
complaint-urgency-normal = 一般
complaint-urgency-urgent = 紧急
complaint-urgency-critical = 特急
complaint-media-risk = 媒体曝光风险
complaint-media-none = 无
complaint-media-possible = 可能
complaint-media-threatened = 用户扬言曝光
complaint-saved = 投诉 { $number } 已保存。
complaints-search-hint = 编号、姓名、电话、型号、编号或内容
complaints-count = 共 { $total } 件，显示 { $shown } 件
complaints-new = 新建投诉
complaints-print-blank = 打印空白受理表…
complaints-empty = 还没有客户投诉。
complaints-filter-type = 类别
complaints-filter-dealer = 受理单位
complaints-filter-from = 受理日期从
complaints-filter-to = 至
complaints-filter-all = 全部
complaint-export-pdf = 导出 PDF…
pdf-complaint-title = 客户投诉受理表
pdf-section-complaint = 投诉
pdf-section-receipt = 受理
pdf-sign-receiver = 受理人
pdf-sign-unit-seal = 单位盖章
file-blank-complaint = 空白客户投诉受理表
error-time-format = 请按 年-月-日 时:分 填写，例如 2026-11-23 09:30
