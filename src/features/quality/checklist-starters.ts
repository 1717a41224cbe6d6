import type { ChecklistItem, ChecklistKind } from "./inspection-rules.js";

// The two checklists every operator starts with (R-MYSTERY), under fixed ids so a restart never adds them
// twice. An operator edits them like any other: each edit is a new version.

// 服务禁忌 (hall service manual part 2, ch. 8 §2): each item scores 100 when kept, 0 when broken.
const TABOOS = [
  "禁止与客户开玩笑或闲聊",
  "严禁讥笑客户的生理缺陷",
  "严禁对客户采取轻视、怠慢的态度",
  "禁止有斜视、瞟视、俯视或眼神闪烁等不礼貌的神情",
  "严禁与客户抢道通行",
  "禁止在客户面前打哈欠",
  "禁止对客户不理不问",
  "严禁拖腔、语气生硬、烦躁、顶撞或与客户争吵",
  "禁止不懂装懂,推诿、搪塞客户",
  "禁止在营业厅内跑动",
  "禁止将任何物品夹在腋下行走",
  "禁止隔着营业柜台喊人",
  "严禁在工作场所大声喧哗",
  "严禁串岗、脱岗或离岗",
  "禁止在营业厅内吃东西",
  "禁止拨打或接听私人电话",
  "禁止与同事交头接耳、闲聊或说笑",
  "严禁在柜台前接待私人朋友或家人",
  "严禁泄露、盗用客户资料和机卡设备",
];

// The blueprint's nine nodes (Z1–Z9) and the waiting itself. The improvement plans: the mystery shopper's
// checklist must follow what customers feel, and the waiting time is what they feel most — so it weighs
// as much as four ordinary items.
const NODES: ChecklistItem[] = [
  { code: "Z1", label: "进厅问候:进厅 1 分钟内有人招呼", weight: 1, evidence: "seconds" },
  { code: "Z2", label: "咨询引导:咨询台、流动引导到位", weight: 1 },
  { code: "Z3", label: "自助指导:自助终端有人指导", weight: 1 },
  { code: "Z4", label: "排队安抚:排队时有人安抚、咨询", weight: 1 },
  { code: "wait", label: "等候时间:10 分钟内开始办理", weight: 4, evidence: "seconds" },
  { code: "Z5", label: "柜台办理:在办理时限内办结、准确", weight: 2, evidence: "seconds" },
  { code: "Z6", label: "柜台推荐:办理时适当推荐产品", weight: 1 },
  { code: "Z7", label: "办理结束:请客户签字、评价", weight: 1 },
  { code: "Z8", label: "投诉处理:投诉有人受理、不推诿", weight: 1, evidence: "note" },
  { code: "Z9", label: "离厅道别:送别离厅", weight: 1 },
  { code: "environment", label: "营业环境:整洁、明亮、设备完好", weight: 1, evidence: "photo" },
];

export const STARTER_CHECKLISTS: { id: string; name: string; kind: ChecklistKind; items: ChecklistItem[] }[] =
  [
    {
      id: "00000000-0000-7000-8000-00000000c001",
      name: "服务禁忌(19 条)",
      kind: "mystery",
      items: TABOOS.map((label, i) => ({ code: `T${String(i + 1).padStart(2, "0")}`, label, weight: 1 })),
    },
    {
      id: "00000000-0000-7000-8000-00000000c002",
      name: "服务节点规范(Z1–Z9)",
      kind: "mystery",
      items: NODES,
    },
  ];
