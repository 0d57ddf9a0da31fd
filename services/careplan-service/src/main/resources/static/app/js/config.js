/** What the app asks the authorization server for, and where its data lives. */

export const CLIENT_ID = "careplan-clinician";

/**
 * User-level read of the care team's patients, and acknowledgement (a Task update); fhirUser names the clinician.
 * An EHR launch adds "launch" (fhirclient does too); the EHR then puts the patient in context into the token.
 */
export const SCOPES = "openid fhirUser user/*.rs user/Task.u";

/** The FHIR base of the service that serves this app: the only server the app sends its token to. */
export function ownFhirBase() {
  return new URL("../fhir", location.href).href;
}

export const CANONICAL_BASE = "http://careplan.spinefusion.org/fhir";
export const EXT_ACTIVITY_IDENTIFIER = CANONICAL_BASE + "/StructureDefinition/activity-identifier";
export const EXT_PLANNED_SEND_TIME = CANONICAL_BASE + "/StructureDefinition/planned-send-time";
export const CS_COMMUNICATION_PURPOSE = CANONICAL_BASE + "/CodeSystem/communication-purpose";
export const CS_CARE_TEAM_ROLE = CANONICAL_BASE + "/CodeSystem/care-team-role";
