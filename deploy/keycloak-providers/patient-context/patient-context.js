/*
 * The SMART patient in context for the realm's "launch/patient" scope (deploy/keycloak/careplan-realm.json): the
 * FHIR Patient id the signed-in user stands for, kept in the user attribute "fhirPatient". Keycloak runs this for
 * the access token, the id_token and the userinfo, and once more for the token response itself, where SMART apps
 * (fhirclient's client.patient.id) look for "patient". The value of the last expression becomes the claim; a user
 * without the attribute (a clinician) gets no claim at all.
 *
 * Keycloak binds: user, realm, userSession, keycloakSession, and token (or tokenResponse). Only user is used here.
 */
var patient = user.getFirstAttribute("fhirPatient");
patient ? patient : null;
