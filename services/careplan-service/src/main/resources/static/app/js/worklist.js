/**
 * The care team's worklist: the patients who need attention now, most urgent first. Urgency is, in this order:
 * an unacknowledged escalation (higher priority first, then the one waiting longest), then check-in days missed in
 * a row (more first), then overdue milestones (more first, then the longest overdue).
 */
import { ago, h, localDay, moment, priorityBadge } from "./dom.js";
import { all, idOf } from "./fhir.js";
import { PRIORITY_RANK, careTeamOf, dailyAdherence, goalDue, isOverdue, patientIdOf } from "./plan.js";

/** Everything the list needs, in four searches (the plans, open Tasks, goals past due, recent check-ins). */
export async function loadWorklist(client, now = new Date()) {
  const today = localDay(now);
  const since = localDay(new Date(now.getTime() - 16 * 86400000));
  const [plans, tasks, goals, responses] = await Promise.all([
    all(client, "CarePlan?status=active&_count=200"),
    all(client, "Task?status=requested&_count=200"),
    all(client, "Goal?target-date=lt" + today + "&_count=200"),
    all(client, "QuestionnaireResponse?authored=ge" + since + "&_count=200"),
  ]);
  return { plans, tasks, goals, responses, today, now };
}

/** One entry per patient with something to act on, ranked. */
export function rank(data, filter = {}) {
  const byPatient = new Map();
  for (const plan of data.plans) {
    const team = careTeamOf(plan);
    if (filter.surgeon && (!team.surgeon || team.surgeon.reference !== filter.surgeon)) continue;
    if (filter.organization && (!team.organization || team.organization.reference !== filter.organization)) continue;
    const patient = patientIdOf(plan);
    if (!byPatient.has(patient)) {
      byPatient.set(patient, { patient, plans: [], escalations: [], missed: 0, overdue: [] });
    }
    const entry = byPatient.get(patient);
    entry.plans.push(plan);
    const planRef = "CarePlan/" + plan.id;
    entry.escalations.push(...data.tasks.filter(t => String(t.id).endsWith("-ack")
      && (t.basedOn || []).some(b => b.reference === planRef)));
    const mine = data.responses.filter(r => patientIdOf(r) === patient);
    const daily = dailyAdherence(plan, mine, data.today);
    entry.missed = Math.max(entry.missed, daily ? daily.missedInARow : 0);
    const goalIds = new Set((plan.goal || []).map(g => idOf(g.reference)));
    entry.overdue.push(...data.goals.filter(g => goalIds.has(g.id) && isOverdue(g, data.today)));
  }
  const entries = [...byPatient.values()]
    .filter(e => e.escalations.length || e.missed || e.overdue.length)
    .map(e => {
      const top = e.escalations
        .slice()
        .sort((a, b) => (PRIORITY_RANK[b.priority] || 0) - (PRIORITY_RANK[a.priority] || 0)
          || String(a.authoredOn).localeCompare(String(b.authoredOn)))[0];
      const oldestDue = e.overdue.map(goalDue).sort()[0] || "9999-12-31";
      return { ...e, top, oldestDue };
    });
  return entries.sort((a, b) =>
    (b.top ? PRIORITY_RANK[b.top.priority] || 1 : 0) - (a.top ? PRIORITY_RANK[a.top.priority] || 1 : 0)
    || (a.top && b.top ? String(a.top.authoredOn).localeCompare(String(b.top.authoredOn)) : 0)
    || b.missed - a.missed
    || b.overdue.length - a.overdue.length
    || a.oldestDue.localeCompare(b.oldestDue)
    || String(a.patient).localeCompare(String(b.patient)));
}

function choices(plans, pick) {
  const found = new Map();
  for (const plan of plans) {
    const value = pick(careTeamOf(plan));
    if (value && value.reference) found.set(value.reference, value.display);
  }
  return [...found.entries()].sort((a, b) => a[1].localeCompare(b[1]));
}

function select(id, label, everyone, options, chosen, onChange) {
  return h(
    "label",
    { for: id },
    label,
    h(
      "select",
      { id, name: id, onchange: event => onChange(event.target.value) },
      h("option", { value: "" }, everyone),
      options.map(([value, text]) => h("option", { value, selected: value === chosen }, text)),
    ),
  );
}

export function renderWorklist(data, filter, onFilter) {
  const entries = rank(data, filter);
  const list = h(
    "ol",
    { class: "worklist", "aria-label": "Patients needing attention, most urgent first" },
    entries.map(entry => {
      const plan = entry.plans[0];
      const reasons = [];
      if (entry.escalations.length) {
        reasons.push(h(
          "li",
          { "data-reason": "escalation" },
          priorityBadge(entry.top.priority),
          ` ${entry.escalations.length} unacknowledged escalation${entry.escalations.length > 1 ? "s" : ""}, `,
          "waiting since ", moment(entry.top.authoredOn), ` (${ago(entry.top.authoredOn, data.now.getTime())})`,
          entry.top.owner && entry.top.owner.display ? `, with ${entry.top.owner.display}` : "",
        ));
      }
      if (entry.missed) {
        reasons.push(h("li", { "data-reason": "missed-check-ins" },
          `${entry.missed} daily check-in${entry.missed > 1 ? "s" : ""} missed in a row`));
      }
      if (entry.overdue.length) {
        reasons.push(h("li", { "data-reason": "overdue-goals" },
          `${entry.overdue.length} milestone${entry.overdue.length > 1 ? "s" : ""} overdue: `,
          entry.overdue.map(g => (g.description || {}).text).filter(Boolean).join("; ")));
      }
      const team = careTeamOf(plan);
      return h(
        "li",
        { class: "card", "data-patient": entry.patient },
        h("h2", {}, h("a", { href: "#/patient/" + encodeURIComponent(entry.patient) }, "Patient " + entry.patient)),
        h("p", { class: "muted" }, plan.title || "Care plan",
          team.surgeon ? " · Surgeon: " + team.surgeon.display : "",
          team.organization ? " · " + team.organization.display : ""),
        h("ul", { class: "reasons" }, reasons),
      );
    }),
  );
  return h(
    "section",
    { "data-view": "worklist", "aria-labelledby": "worklist-title" },
    h("h1", { id: "worklist-title" }, "Patients needing attention"),
    h(
      "form",
      { class: "filters", role: "search", "aria-label": "Filter the worklist", onsubmit: e => e.preventDefault() },
      select("surgeon", "Surgeon", "All surgeons", choices(data.plans, t => t.surgeon), filter.surgeon,
        value => onFilter({ ...filter, surgeon: value })),
      select("organization", "Organization", "All organizations", choices(data.plans, t => t.organization),
        filter.organization, value => onFilter({ ...filter, organization: value })),
    ),
    h("p", { class: "muted", id: "worklist-count" },
      `${entries.length} patient${entries.length === 1 ? "" : "s"} of ${data.plans.length} active plans need attention.`),
    entries.length ? list : h("p", { class: "notice" }, "Nobody needs attention right now."),
  );
}
