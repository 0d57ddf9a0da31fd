import { CLIENT_ID, SCOPES, ownFhirBase } from "./config.js";

const status = document.getElementById("launch-status");
const query = new URLSearchParams(location.search);
const own = ownFhirBase().replace(/\/$/, "");
const iss = (query.get("iss") || own).replace(/\/$/, "");
const launch = query.get("launch");

if (iss !== own) {
  // A launch link naming another server would have the app hand that server the user's token.
  document.title = "launch refused";
  status.textContent = "This app only works with the FHIR server at " + own + "; the launch named " + iss + ".";
} else {
  FHIR.oauth2
    .authorize({
      iss,
      launch: launch || undefined,
      clientId: CLIENT_ID,
      scope: launch ? "launch " + SCOPES : SCOPES,
      redirectUri: "index.html",
      pkceMode: "required",
    })
    .catch(error => {
      document.title = "launch failed";
      status.textContent = "Could not start the sign-in: " + String((error && error.message) || error);
    });
}
