/** Reads through fhirclient with the user's token: every page of a search, as one flat list. */

export async function all(client, query) {
  const found = await client.request(query, { pageLimit: 0, flat: true });
  return Array.isArray(found) ? found : found ? [found] : [];
}

export function reference(resource) {
  return resource.resourceType + "/" + resource.id;
}

/** The resource's id from "Type/id" (a versioned reference keeps only the id). */
export function idOf(referenceString) {
  return referenceString ? referenceString.split("/_history/")[0].split("/").pop() : null;
}

export function codingText(concept) {
  if (!concept) return "";
  if (concept.text) return concept.text;
  const coding = (concept.coding || [])[0] || {};
  return coding.display || coding.code || "";
}

export function hasCoding(concepts, system, code) {
  return (concepts || []).some(c => (c.coding || []).some(x => x.system === system && x.code === code));
}

export function hasCode(concepts, code) {
  return (concepts || []).some(c => (c.coding || []).some(x => x.code === code));
}
