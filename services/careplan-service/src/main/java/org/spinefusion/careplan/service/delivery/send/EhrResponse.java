package org.spinefusion.careplan.service.delivery.send;

/** What an EHR answered: status, the headers delivery acts on, and the body (a resource or an OperationOutcome). */
public record EhrResponse(int status, String location, String retryAfter, String etag, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The logical id from the Location header ({@code [base]/Type/id/_history/v}). */
    String locationId() {
        if (location == null) {
            return null;
        }
        String path =
                location.contains("/_history/") ? location.substring(0, location.indexOf("/_history/")) : location;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The EHR's version of what it now holds, from the ETag, else the Location's history part; null if neither. */
    String headerVersion() {
        if (etag != null && !etag.isBlank()) {
            return etag.replaceFirst("^W/", "").replace("\"", "");
        }
        if (location != null && location.contains("/_history/")) {
            return location.substring(location.indexOf("/_history/") + "/_history/".length());
        }
        return null;
    }
}
