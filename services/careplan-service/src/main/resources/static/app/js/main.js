/**
 * The app after the authorization server's redirect: fhirclient finishes the code exchange (PKCE) or, on a reload,
 * picks the token up from sessionStorage; then the hash picks the view. A patient in the launch context (an EHR
 * launch whose token names one) opens that patient; otherwise the worklist, where the user picks a patient.
 */
import { h } from "./dom.js";
import { loadPatient, loadPlanDetails, currentPlan, renderPatient } from "./patient-view.js";
import { loadWorklist, renderWorklist } from "./worklist.js";

const view = document.getElementById("view");
const announcer = document.getElementById("announcer");
let app = null;
let worklistData = null;

function userOf(client) {
  const idToken = client.getIdToken() || {};
  const fhirUser = idToken.fhirUser || null;
  return { fhirUser, name: idToken.name || idToken.preferred_username || fhirUser || "signed-in user" };
}

function announce(text) {
  announcer.textContent = text;
}

function show(content, title) {
  view.replaceChildren(content);
  document.title = title + ": spinal fusion care plans";
  document.body.dataset.state = "ready";
}

function showError(error) {
  const text = String((error && error.message) || error);
  view.replaceChildren(h("p", { class: "error", role: "alert" }, "Something went wrong: " + text));
  document.body.dataset.state = "failed";
  window.appError = text;
}

function parseHash() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query || "");
  const patient = path.match(/^\/patient\/([^/]+)$/);
  if (patient) return { view: "patient", patient: decodeURIComponent(patient[1]), plan: params.get("plan") };
  if (path === "/worklist") {
    return { view: "worklist", surgeon: params.get("surgeon") || "", organization: params.get("organization") || "" };
  }
  return app.launchPatient ? { view: "patient", patient: app.launchPatient } : { view: "worklist" };
}

async function showWorklist(route, refresh) {
  if (!worklistData || refresh) worklistData = await loadWorklist(app.client);
  const filter = { surgeon: route.surgeon || "", organization: route.organization || "" };
  show(renderWorklist(worklistData, filter, chosen => {
    const params = new URLSearchParams();
    if (chosen.surgeon) params.set("surgeon", chosen.surgeon);
    if (chosen.organization) params.set("organization", chosen.organization);
    history.replaceState(null, "", "#/worklist" + (params.toString() ? "?" + params : ""));
    render(false).then(() => document.getElementById(chosen.surgeon !== filter.surgeon ? "surgeon" : "organization").focus());
  }), "Worklist");
}

async function showPatient(route) {
  const data = await loadPatient(app.client, route.patient);
  const plan = data.plans.find(p => p.id === route.plan) || currentPlan(data.plans);
  if (!plan) {
    show(h("section", { "data-view": "patient" }, h("h1", {}, "Patient " + route.patient),
      h("p", { class: "notice" }, "This patient has no care plan here.")), "Patient");
    return;
  }
  const details = await loadPlanDetails(app.client, plan);
  show(renderPatient(data, plan, details, acknowledge, id => {
    location.hash = "#/patient/" + encodeURIComponent(route.patient) + "?plan=" + encodeURIComponent(id);
  }), "Patient " + route.patient);
}

/** The same Task status change the API documents; the owner is the signed-in user, from the id token. */
async function acknowledge(escalation, button) {
  button.disabled = true;
  announce("Acknowledging…");
  try {
    const task = await app.client.request("Task/" + encodeURIComponent(escalation.task.id));
    task.status = "accepted";
    task.owner = app.user.fhirUser ? { reference: app.user.fhirUser, display: app.user.name } : { display: app.user.name };
    await app.client.update(task, { headers: { "If-Match": 'W/"' + task.meta.versionId + '"' } });
    worklistData = null;
    await render(false);
    announce("Escalation acknowledged; it no longer climbs.");
  } catch (error) {
    button.disabled = false;
    announce("Could not acknowledge: " + String((error && error.message) || error));
  }
}

async function render(refresh) {
  document.body.dataset.state = "loading";
  try {
    const route = parseHash();
    if (route.view === "patient") {
      await showPatient(route);
    } else {
      await showWorklist(route, refresh);
    }
  } catch (error) {
    showError(error);
  }
}

FHIR.oauth2.ready().then(client => {
  const idToken = client.getIdToken() || {};
  app = { client, user: userOf(client), launchPatient: client.patient.id || idToken.patient || null };
  window.clinicianApp = app;
  document.getElementById("signed-in-as").textContent = "Signed in as " + app.user.name;
  window.addEventListener("hashchange", () => {
    announce("");
    render(true).then(() => document.getElementById("content").focus());
  });
  return render(true);
}, showError);
