// 投诉处理: the work-order queue (工单队列) and typical cases (典型案例).
export const zh = {
  wo: {
    title: "工单队列",
    queued: "待认领",
    claimed: "处理中",
    returned: "已退回",
    replied: "已答复",
    resolved: "已办结",
    claim: "认领",
    reply: "答复",
    return: "退回补充",
    replyText: "给客户的答复（将原文告知客户）",
    returnReason: "需补充的信息",
    empty: "该部门暂无工单",
    brief: "工单说明",
    claimed_by_me: "我认领的",
  },
  cases: { title: "典型案例", search: "搜索标题、摘要、经验", empty: "暂无典型案例" },
  supplement: "补充信息",
  supplementInfo: "补充的信息",
};

export const en: typeof zh = {
  wo: {
    title: "Work-order queue",
    queued: "Queued",
    claimed: "Claimed",
    returned: "Returned",
    replied: "Replied",
    resolved: "Resolved",
    claim: "Claim",
    reply: "Reply",
    return: "Return for info",
    replyText: "Reply for the customer (told as written)",
    returnReason: "Information needed",
    empty: "No orders for this department",
    brief: "Brief",
    claimed_by_me: "Mine",
  },
  cases: { title: "Typical cases", search: "Search title, summary, lessons", empty: "No typical cases yet" },
  supplement: "Supplement",
  supplementInfo: "Information to add",
};
