/**
 * One patient's episode as the care team reviews it: the surgery and its tailoring facts, the plan by phase, the
 * milestones, the messages, check-in adherence, escalations (acknowledged from here) and the plan's versions.
 */
import { ago, day, h, localDay, moment, narrativeField, narrativeHeading, priorityBadge, table } from "./dom.js";
import { all, codingText, idOf } from "./fhir.js";
import {
  activitiesByPhase, adherence, changesBetween, checkInActivities, escalationsOf, goalAchievement, goalDue,
  isEducation, isOverdue, isPatientInstruction, messageState, surgeryOf, windowOf,
} from "./plan.js";

export async function loadPatient(client, patientId) {
  const patient = "Patient/" + encodeURIComponent(patientId);
  const [plans, goals, communications, responses, tasks] = await Promise.all([
    all(client, `CarePlan?patient=${patient}&_count=200`),
    all(client, `Goal?patient=${patient}&_count=200`),
    all(client, `Communication?patient=${patient}&_count=200`),
    all(client, `QuestionnaireResponse?patient=${patient}&_count=200`),
    all(client, `Task?patient=${patient}&_count=200`),
  ]);
  return { patientId, plans, goals, communications, responses, tasks };
}

/** The pathway definition the plan instantiates (for its phases), and the plan's versions. */
export async function loadPlanDetails(client, carePlan) {
  const [url, version] = String((carePlan.instantiatesCanonical || [])[0] || "").split("|");
  const [definitions, history] = await Promise.all([
    url ? all(client, `PlanDefinition?url=${encodeURIComponent(url)}${version ? "&version=" + encodeURIComponent(version) : ""}`)
      : Promise.resolve([]),
    all(client, `CarePlan/${encodeURIComponent(carePlan.id)}/_history?_count=50`),
  ]);
  return { planDefinition: definitions[0] || null, history };
}

/** The newest active plan, else the newest of any status. */
export function currentPlan(plans) {
  const newest = [...plans].sort((a, b) =>
    String((b.meta || {}).lastUpdated).localeCompare(String((a.meta || {}).lastUpdated)));
  return newest.find(p => p.status === "active") || newest[0] || null;
}

function episodeSection(plan) {
  const surgery = surgeryOf(plan);
  const procedure = surgery ? codingText(surgery.detail.code) : narrativeField(plan, "Procedure");
  const coding = surgery && ((surgery.detail.code || {}).coding || [])[0];
  return h(
    "section",
    { "aria-labelledby": "episode-title" },
    h("h2", { id: "episode-title" }, "Episode"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Plan"), h("dd", { "data-field": "title" }, plan.title || narrativeHeading(plan) || plan.id),
      h("dt", {}, "Procedure"),
      h("dd", { "data-field": "procedure" }, procedure || "not recorded",
        coding && coding.display && coding.display !== procedure ? " (" + coding.display + ")" : ""),
      h("dt", {}, "Surgery date"), h("dd", { "data-field": "surgery-date" }, day(surgery && windowOf(surgery).start)),
      h("dt", {}, "Episode details"),
      h("dd", { "data-field": "details" }, narrativeField(plan, "Episode details") || "none recorded"),
      h("dt", {}, "Plan status"), h("dd", { "data-field": "plan-status" }, plan.status),
      h("dt", {}, "Enrolled"), h("dd", {}, day(plan.created)),
      ...(plan.note || []).map(note => [h("dt", {}, "Note"), h("dd", {}, note.text)]),
    ),
  );
}

function activityStatus(activity) {
  const detail = activity.detail || {};
  const reason = codingText(detail.statusReason);
  return [h("span", { "data-field": "status" }, detail.status || "unknown"), reason ? h("br") : "",
    reason ? h("span", { class: "muted" }, reason) : ""];
}

function planSection(plan, planDefinition) {
  return h(
    "section",
    { "aria-labelledby": "plan-title" },
    h("h2", { id: "plan-title" }, "Plan by phase"),
    activitiesByPhase(plan, planDefinition).map(phase => table(
      phase.title,
      ["Starts", "Ends", "Activity", "Who", "Status"],
      phase.activities.map(activity => {
        const window = windowOf(activity);
        return h(
          "tr",
          { "data-activity": activityKeyOf(activity) },
          h("td", { "data-field": "start" }, day(window.start)),
          h("td", { "data-field": "end" }, day(window.end)),
          h("td", {}, codingText(activity.detail.code)),
          h("td", {}, ((activity.detail.performer || [])[0] || {}).display || ""),
          h("td", {}, activityStatus(activity)),
        );
      }),
    )),
  );
}

function activityKeyOf(activity) {
  const ext = (activity.extension || []).find(e => e.valueIdentifier);
  return ext ? ext.valueIdentifier.value : "";
}

function goalsSection(plan, goals, today) {
  const ids = new Set((plan.goal || []).map(g => idOf(g.reference)));
  const mine = goals.filter(g => ids.has(g.id)).sort((a, b) => String(goalDue(a)).localeCompare(String(goalDue(b))));
  return h(
    "section",
    { "aria-labelledby": "goals-title" },
    h("h2", { id: "goals-title" }, "Recovery milestones"),
    table("Milestones in due order", ["Milestone", "Due", "Status", "Progress"], mine.map(goal => h(
      "tr",
      { "data-goal": goal.id },
      h("td", {}, (goal.description || {}).text || goal.id),
      h("td", { "data-field": "due" }, day(goalDue(goal)),
        isOverdue(goal, today) ? [" ", h("span", { class: "badge priority-urgent" }, "overdue")] : ""),
      h("td", { "data-field": "status" }, goal.lifecycleStatus),
      h("td", { "data-field": "progress" }, codingText(goal.achievementStatus) || goalAchievement(goal) || "not reported",
        goal.statusDate ? [" (", day(goal.statusDate), ")"] : ""),
    ))),
  );
}

function messagesSection(plan, communications) {
  const planRef = "CarePlan/" + plan.id;
  const mine = communications
    .filter(c => (c.basedOn || []).some(b => b.reference === planRef))
    .filter(c => isEducation(c) || isPatientInstruction(c))
    .map(c => ({ c, ...messageState(c) }))
    .sort((a, b) => String(a.at).localeCompare(String(b.at)));
  const count = state => mine.filter(m => m.state === state).length;
  return h(
    "section",
    { "aria-labelledby": "messages-title" },
    h("h2", { id: "messages-title" }, "Messages to the patient"),
    h("p", { "data-field": "message-counts" },
      `${count("sent")} sent, ${count("planned")} planned, ${count("cancelled")} not sent.`),
    table("Messages in time order", ["When", "Message", "State"], mine.map(m => h(
      "tr",
      { "data-message": m.c.id },
      h("td", {}, moment(m.at)),
      h("td", {}, (narrativeHeading(m.c) || "").replace(/^Patient message: /, "")
        || codingText(m.c.topic) || "What to do now"),
      h("td", { "data-field": "state" }, m.state, m.why ? [h("br"), h("span", { class: "muted" }, m.why)] : ""),
    ))),
  );
}

function adherenceSection(plan, responses, today) {
  const rows = checkInActivities(plan).map(checkIn => {
    const result = adherence(checkIn, responses, today);
    return h(
      "tr",
      { "data-check-in": activityKeyOf(checkIn.activity) },
      h("td", {}, codingText(checkIn.activity.detail.code)),
      h("td", {}, day(checkIn.window.start), " to ", day(checkIn.window.end)),
      h("td", { "data-field": "answered" }, checkIn.daily ? `${result.answered} of ${result.due} days`
        : `${responses.filter(r => String(r.questionnaire).split("|")[0] === checkIn.url).length} answers`),
      h("td", { "data-field": "missed" }, checkIn.daily ? String(result.missedInARow) : "–"),
      h("td", {}, result.last ? moment(result.last) : "never"),
    );
  });
  return h(
    "section",
    { "aria-labelledby": "adherence-title" },
    h("h2", { id: "adherence-title" }, "Check-ins"),
    table("Check-in adherence", ["Check-in", "Window", "Answered", "Missed in a row", "Last answer"], rows),
  );
}

function escalationCard(escalation, onAcknowledge, now) {
  const state = escalation.open
    ? [`Open: waiting for ${escalation.owner}`, escalation.deadline ? [" until ", moment(escalation.deadline)] : "",
      escalation.alerts.length > 1 ? `; climbed ${escalation.alerts.length - 1} time(s)` : ""]
    : escalation.acknowledged
      ? [`Acknowledged (${escalation.task.status}) by ${escalation.owner}`,
        escalation.task.lastModified ? [" at ", moment(escalation.task.lastModified)] : "", "; it no longer climbs."]
      : [`Closed (${escalation.task.status}).`];
  const titleId = "escalation-" + escalation.id;
  return h(
    "article",
    { class: "card", "data-task": escalation.task.id, "data-status": escalation.task.status,
      "aria-labelledby": titleId },
    h("h3", { id: titleId }, priorityBadge(escalation.priority), " ", escalation.headline || "Escalation"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Raised"), h("dd", {}, moment(escalation.raised), ` (${ago(escalation.raised, now)})`),
      h("dt", {}, "Findings"), h("dd", { "data-field": "findings" }, escalation.findings.join("; ") || "none coded"),
      h("dt", {}, "Ladder"), h("dd", { "data-field": "ladder" }, escalation.ladder.join(" → ") || escalation.owner),
      h("dt", {}, "State"), h("dd", { "data-field": "state" }, state),
      escalation.instruction
        ? [h("dt", {}, "Patient told"), h("dd", {}, ((escalation.instruction.payload || [])[0] || {}).contentString)]
        : "",
    ),
    escalation.open
      ? h("button", { type: "button", "data-action": "acknowledge", onclick: event => onAcknowledge(escalation, event.target) },
        "Acknowledge")
      : "",
  );
}

function escalationsSection(plan, data, onAcknowledge, now) {
  const escalations = escalationsOf(plan, data.tasks, data.communications);
  const open = escalations.filter(e => e.open);
  return h(
    "section",
    { "aria-labelledby": "escalations-title" },
    h("h2", { id: "escalations-title" }, "Escalations"),
    h("p", {}, `${open.length} open, ${escalations.length - open.length} closed.`),
    escalations.length
      ? escalations.map(e => escalationCard(e, onAcknowledge, now))
      : h("p", { class: "muted" }, "No warning signs reported."),
  );
}

function versionsSection(history) {
  const versions = [...history].sort((a, b) => Number(a.meta.versionId) - Number(b.meta.versionId));
  const items = versions.map((version, index) => {
    const changes = index === 0 ? ["First plan"] : changesBetween(versions[index - 1], version);
    return h(
      "li",
      { "data-version": version.meta.versionId },
      h("strong", {}, `Version ${version.meta.versionId}`), " (", moment(version.meta.lastUpdated), ")",
      h("ul", {}, (changes.length ? changes : ["No change to the plan itself"]).map(text => h("li", {}, text))),
    );
  });
  return h(
    "section",
    { "aria-labelledby": "versions-title" },
    h("h2", { id: "versions-title" }, "Plan versions"),
    h("ol", { reversed: true }, items.reverse()),
  );
}

export function renderPatient(data, plan, details, onAcknowledge, onChoosePlan, now = new Date()) {
  const today = localDay(now);
  return h(
    "article",
    { "data-view": "patient", "data-care-plan": plan.id, "aria-labelledby": "patient-title" },
    h("h1", { id: "patient-title" }, "Patient " + data.patientId),
    data.plans.length > 1
      ? h("label", { for: "episode-choice" }, "Episode ",
        h("select", { id: "episode-choice", onchange: event => onChoosePlan(event.target.value) },
          data.plans.map(p => h("option", { value: p.id, selected: p.id === plan.id }, `${p.title || p.id} (${p.status})`))))
      : "",
    episodeSection(plan),
    escalationsSection(plan, data, onAcknowledge, now.getTime()),
    planSection(plan, details.planDefinition),
    goalsSection(plan, data.goals, today),
    adherenceSection(plan, data.responses, today),
    messagesSection(plan, data.communications),
    versionsSection(details.history),
  );
}
