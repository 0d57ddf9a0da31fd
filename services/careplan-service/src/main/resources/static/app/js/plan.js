/**
 * What the stored resources say about one episode, in the shapes the pages show: activities by phase, goals, the
 * patient's messages, check-in adherence, escalations and their ladder, and the differences between plan versions.
 * Pure functions over FHIR JSON; nothing here fetches or renders.
 */
import { EXT_ACTIVITY_IDENTIFIER, EXT_PLANNED_SEND_TIME, CS_COMMUNICATION_PURPOSE } from "./config.js";
import { addDays, localDay } from "./dom.js";
import { codingText, hasCode, hasCoding, idOf } from "./fhir.js";

export const PRIORITY_RANK = { stat: 4, asap: 3, urgent: 2, routine: 1 };
const ACKNOWLEDGED = ["accepted", "in-progress", "completed"];
const ACHIEVED = ["achieved", "sustaining"];
const GOAL_CLOSED = ["completed", "cancelled", "rejected", "entered-in-error"];

/** "K#walking" -> "walking": the pathway action an activity was made from. */
export function actionIdOf(activity) {
  const ext = (activity.extension || []).find(e => e.url === EXT_ACTIVITY_IDENTIFIER);
  const value = ext && ext.valueIdentifier && ext.valueIdentifier.value;
  return value ? value.slice(value.lastIndexOf("#") + 1) : null;
}

export function activityKey(activity) {
  const ext = (activity.extension || []).find(e => e.url === EXT_ACTIVITY_IDENTIFIER);
  return ext && ext.valueIdentifier ? ext.valueIdentifier.value : null;
}

/** {start, end} of an activity: its Period, or the bounds of its repeating Timing. */
export function windowOf(activity) {
  const detail = activity.detail || {};
  const period = detail.scheduledPeriod
    || (detail.scheduledTiming && detail.scheduledTiming.repeat && detail.scheduledTiming.repeat.boundsPeriod)
    || {};
  return { start: period.start || null, end: period.end || period.start || null };
}

/** Action id -> {phase id, phase title, phase order}, from the pathway PlanDefinition's nested actions. */
export function phasesOf(planDefinition) {
  const byAction = new Map();
  ((planDefinition && planDefinition.action) || []).forEach((phase, order) => {
    for (const action of phase.action || []) {
      byAction.set(action.id, { id: phase.id, title: phase.title || phase.id, order });
    }
  });
  return byAction;
}

/** The plan's phases in pathway order, each with its activities in date order. */
export function activitiesByPhase(carePlan, planDefinition) {
  const phases = phasesOf(planDefinition);
  const groups = new Map();
  for (const activity of carePlan.activity || []) {
    const phase = phases.get(actionIdOf(activity)) || { id: "other", title: "Other activities", order: 999 };
    if (!groups.has(phase.id)) groups.set(phase.id, { ...phase, activities: [] });
    groups.get(phase.id).activities.push(activity);
  }
  const byStart = (a, b) => String(windowOf(a).start).localeCompare(String(windowOf(b).start));
  return [...groups.values()]
    .sort((a, b) => a.order - b.order)
    .map(group => ({ ...group, activities: group.activities.sort(byStart) }));
}

/** The operation itself: the activity whose code is the procedure (action id "surgery"). */
export function surgeryOf(carePlan) {
  return (carePlan.activity || []).find(a => actionIdOf(a) === "surgery") || null;
}

export function goalDue(goal) {
  return ((goal.target || [])[0] || {}).dueDate || null;
}

export function goalAchievement(goal) {
  const coding = ((goal.achievementStatus || {}).coding || [])[0] || {};
  return coding.code || null;
}

export function isOverdue(goal, today) {
  const due = goalDue(goal);
  return !!due && due < today && !GOAL_CLOSED.includes(goal.lifecycleStatus)
    && !ACHIEVED.includes(goalAchievement(goal));
}

export function isEducation(communication) {
  return hasCoding(communication.category, CS_COMMUNICATION_PURPOSE, "education");
}

export function isAlert(communication) {
  return hasCode(communication.category, "alert") && String(communication.id).startsWith("esc-");
}

export function isPatientInstruction(communication) {
  return String(communication.id).startsWith("esc-") && String(communication.id).endsWith("-patient");
}

/** sent, planned or cancelled, and when. */
export function messageState(communication) {
  const planned = (communication.extension || []).find(e => e.url === EXT_PLANNED_SEND_TIME);
  const plannedAt = planned ? planned.valueDateTime : null;
  switch (communication.status) {
    case "completed":
      return { state: "sent", at: communication.sent || plannedAt };
    case "not-done":
      return { state: "cancelled", at: plannedAt, why: codingText(communication.statusReason) };
    case "preparation":
      return { state: "planned", at: plannedAt };
    default:
      return { state: communication.status, at: communication.sent || plannedAt };
  }
}

function canonicalUrl(canonical) {
  return canonical ? canonical.split("|")[0] : null;
}

/** The repeating Questionnaire activities (check-ins), each with its canonical and whether it is daily. */
export function checkInActivities(carePlan) {
  return (carePlan.activity || [])
    .filter(a => a.detail && a.detail.kind === "Task" && (a.detail.instantiatesCanonical || []).length)
    .map(a => {
      const repeat = (a.detail.scheduledTiming || {}).repeat || {};
      return {
        activity: a,
        url: canonicalUrl(a.detail.instantiatesCanonical[0]),
        daily: repeat.frequency === 1 && repeat.period === 1 && repeat.periodUnit === "d",
        window: windowOf(a),
      };
    });
}

/**
 * Adherence to one check-in activity up to today: the days due so far, the days answered, and the days missed in a
 * row before today (none once the patient has answered today, and none once the window closed before yesterday).
 */
export function adherence(checkIn, responses, today) {
  const answeredDays = new Set(
    responses.filter(r => canonicalUrl(r.questionnaire) === checkIn.url && r.authored).map(r => localDay(r.authored)),
  );
  const { start, end } = checkIn.window;
  const last = responses
    .filter(r => canonicalUrl(r.questionnaire) === checkIn.url && r.authored)
    .map(r => r.authored)
    .sort()
    .pop() || null;
  if (!start || today < start) {
    return { due: 0, answered: 0, missedInARow: 0, last, running: false };
  }
  const lastDue = end && end < today ? end : today;
  let due = 0;
  let answered = 0;
  for (let d = start; d <= lastDue; d = addDays(d, 1)) {
    due++;
    if (answeredDays.has(d)) answered++;
  }
  const running = !end || addDays(end, 1) >= today;
  let missedInARow = 0;
  if (checkIn.daily && running && !answeredDays.has(today)) {
    const yesterday = addDays(today, -1);
    for (let d = end && end < yesterday ? end : yesterday; d >= start && !answeredDays.has(d); d = addDays(d, -1)) {
      missedInARow++;
    }
  }
  return { due, answered, missedInARow, last, running };
}

/** The daily check-in's adherence, or null when the plan has none. */
export function dailyAdherence(carePlan, responses, today) {
  const daily = checkInActivities(carePlan).find(c => c.daily);
  return daily ? adherence(daily, responses, today) : null;
}

/**
 * The episode's escalations: one per acknowledgement Task, with its alerts in ladder order (the first recipient,
 * then each climb), findings, patient instruction, and whether it still climbs.
 */
export function escalationsOf(carePlan, tasks, communications) {
  const planRef = "CarePlan/" + carePlan.id;
  return tasks
    .filter(t => String(t.id).endsWith("-ack") && (t.basedOn || []).some(b => b.reference === planRef))
    .map(task => {
      const id = task.id.slice(0, -"-ack".length);
      const alerts = communications
        .filter(c => String(c.id).startsWith(id + "-alert-"))
        .sort((a, b) => Number(a.id.split("-alert-")[1]) - Number(b.id.split("-alert-")[1]));
      const findings = [];
      for (const alert of alerts) {
        for (const reason of alert.reasonCode || []) {
          const text = codingText(reason);
          if (text && !findings.includes(text)) findings.push(text);
        }
      }
      const instruction = communications.find(c => c.id === id + "-patient") || null;
      const acknowledged = ACKNOWLEDGED.includes(task.status);
      return {
        id,
        task,
        alerts,
        findings,
        instruction,
        priority: task.priority || (alerts[0] && alerts[0].priority) || "routine",
        raised: task.authoredOn || (alerts[0] && alerts[0].sent),
        acknowledged,
        open: task.status === "requested",
        ladder: alerts.map(a => ((a.recipient || [])[0] || {}).display || "care team"),
        owner: (task.owner || {}).display || (task.owner || {}).reference || "care team",
        deadline: ((task.restriction || {}).period || {}).end || null,
        headline: alerts.length ? String(((alerts[0].payload || [])[0] || {}).contentString || "").split(". ")[0] : "",
      };
    })
    .sort((a, b) => Number(b.open) - Number(a.open)
      || (PRIORITY_RANK[b.priority] || 0) - (PRIORITY_RANK[a.priority] || 0)
      || String(a.raised).localeCompare(String(b.raised)));
}

/** What changed from one CarePlan version to the next, in words. */
export function changesBetween(older, newer) {
  const changes = [];
  if (older.status !== newer.status) changes.push(`Plan status: ${older.status} → ${newer.status}`);
  if (older.title !== newer.title) changes.push(`Title: “${older.title}” → “${newer.title}”`);
  const period = p => (p.period || {}).start + " to " + (p.period || {}).end;
  if (period(older) !== period(newer)) changes.push(`Plan dates: ${period(older)} → ${period(newer)}`);
  const byKey = plan => new Map((plan.activity || []).map(a => [activityKey(a), a]));
  const before = byKey(older);
  const after = byKey(newer);
  const name = a => codingText(a.detail && a.detail.code) || activityKey(a);
  for (const [key, activity] of after) {
    const was = before.get(key);
    if (!was) {
      changes.push(`Added: ${name(activity)}`);
      continue;
    }
    const from = windowOf(was);
    const to = windowOf(activity);
    if (from.start !== to.start || from.end !== to.end) {
      changes.push(`${name(activity)}: ${from.start}–${from.end} → ${to.start}–${to.end}`);
    }
    if ((was.detail || {}).status !== (activity.detail || {}).status) {
      changes.push(`${name(activity)}: ${(was.detail || {}).status} → ${(activity.detail || {}).status}`);
    }
  }
  for (const [key, activity] of before) {
    if (!after.has(key)) changes.push(`Removed: ${name(activity)}`);
  }
  const notes = plan => (plan.note || []).map(n => n.text);
  for (const note of notes(newer)) {
    if (!notes(older).includes(note)) changes.push(`Note: ${note}`);
  }
  return changes;
}

/** The care team contained in the plan: its surgeon and managing organization, as references. */
export function careTeamOf(carePlan) {
  const ref = ((carePlan.careTeam || [])[0] || {}).reference;
  const team = (carePlan.contained || []).find(r => r.resourceType === "CareTeam" && "#" + r.id === ref) || {};
  const surgeon = (team.participant || []).find(p => hasCode(p.role, "surgeon"));
  const member = surgeon && surgeon.member;
  const organization = (team.managingOrganization || [])[0];
  return {
    surgeon: member ? { reference: member.reference, display: member.display || member.reference } : null,
    organization: organization
      ? { reference: organization.reference, display: organization.display || organization.reference }
      : null,
  };
}

export function patientIdOf(resource) {
  const subject = resource.subject || resource.for || {};
  return idOf(subject.reference);
}
