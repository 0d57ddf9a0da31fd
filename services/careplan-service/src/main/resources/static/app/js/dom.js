/** Small DOM and date helpers. Text always goes in as text, never as markup: resources come from outside. */

export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A table in a horizontally scrolling, keyboard-focusable region, so narrow screens can still read every column. */
export function table(caption, headings, rows) {
  return h(
    "div",
    { class: "table-wrap", tabindex: 0, role: "region", "aria-label": caption },
    h(
      "table",
      {},
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, headings.map(text => h("th", { scope: "col" }, text)))),
      h("tbody", {}, rows),
    ),
  );
}

const DAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
});
const MOMENT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A FHIR date ("2026-03-03" or the date part of a dateTime) as <time>, e.g. "Tue 3 Mar 2026". */
export function day(value) {
  if (!value) return h("span", { class: "muted" }, "no date");
  const date = value.slice(0, 10);
  const [y, m, d] = date.split("-").map(Number);
  return h("time", { datetime: date }, DAY.format(new Date(Date.UTC(y, m - 1, d || 1))));
}

/** An instant as <time> in the user's local time. */
export function moment(value) {
  if (!value) return h("span", { class: "muted" }, "no time");
  return h("time", { datetime: value }, MOMENT.format(new Date(value)));
}

export function ago(value, now = Date.now()) {
  const minutes = Math.max(0, Math.round((now - new Date(value).getTime()) / 60000));
  if (minutes < 60) return minutes + " min ago";
  const hours = Math.round(minutes / 60);
  return hours < 48 ? hours + " h ago" : Math.round(hours / 24) + " days ago";
}

/** The local calendar day of an instant, as "YYYY-MM-DD". */
export function localDay(value) {
  const date = value instanceof Date ? value : new Date(value);
  const pad = n => String(n).padStart(2, "0");
  return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
}

export function addDays(dayString, days) {
  const [y, m, d] = dayString.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function priorityBadge(priority) {
  const code = priority || "routine";
  return h("span", { class: "badge priority-" + code, "data-priority": code }, code.toUpperCase());
}

/** The text of a generated narrative's field ("<p><b>Label: </b>value</p>"), read from an inert parsed copy. */
export function narrativeField(resource, label) {
  const div = resource && resource.text && resource.text.div;
  if (!div) return null;
  const parsed = new DOMParser().parseFromString(div, "text/html");
  for (const bold of parsed.querySelectorAll("p > b")) {
    if (bold.textContent.trim() === label + ":") {
      return bold.parentElement.textContent.slice(bold.textContent.length).trim();
    }
  }
  return null;
}

export function narrativeHeading(resource) {
  const div = resource && resource.text && resource.text.div;
  if (!div) return null;
  const heading = new DOMParser().parseFromString(div, "text/html").querySelector("h1, h2, h3, h4");
  return heading ? heading.textContent.trim() : null;
}
