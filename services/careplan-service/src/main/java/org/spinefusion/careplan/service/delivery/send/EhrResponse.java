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
}
