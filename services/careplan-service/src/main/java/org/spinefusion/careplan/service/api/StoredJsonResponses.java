package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IRestfulResponse;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.util.DateUtils;
import java.io.IOException;
import java.io.Writer;
import java.util.Date;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.spinefusion.careplan.service.storage.StoredJson;
import org.springframework.stereotype.Component;

/**
 * Sends a single resource as the JSON storage holds for it instead of letting HAPI encode it again: a read, a vread
 * and an operation that returns a stored resource ({@code $apply}'s CarePlan). Only a plain request qualifies, one
 * without query parameters ({@code _summary}, {@code _elements}, {@code _pretty}, {@code _format} change what HAPI
 * writes, so they take HAPI's way). It runs after authorization and the audit trail have seen the resource, and
 * writes the headers HAPI writes for it: Content-Location (and Location after a POST), ETag on reads, Last-Modified,
 * {@code application/fhir+json}, gzip when asked for. A read parsed only for its checks that is not sent as stored is
 * parsed whole here, so HAPI never encodes part of a resource.
 */
@Component
@Interceptor
class StoredJsonResponses {

    private static final Set<RestOperationTypeEnum> SERVED = EnumSet.of(
            RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
            RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER);
    private static final Set<RestOperationTypeEnum> TAGGED =
            EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD);

    private final FhirContext fhirContext;

    StoredJsonResponses(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
    public boolean sendStored(RequestDetails request, ResponseDetails response) throws IOException {
        IBaseResource body = response.getResponseResource();
        if (body == null) {
            return true;
        }
        Optional<String> json = StoredJson.toSend(body);
        boolean plain = SERVED.contains(request.getRestOperationType())
                && request.getParameters().isEmpty();
        if (json.isEmpty() || !plain) {
            if (StoredJson.isPartial(body)) {
                response.setResponseResource(whole(body));
            }
            return true;
        }
        IRestfulResponse out = request.getResponse();
        String location = body.getIdElement()
                .withServerBase(request.getFhirServerBase(), body.fhirType())
                .getValue();
        if (request.getRequestType() == RequestTypeEnum.POST) {
            out.addHeader(Constants.HEADER_LOCATION, location);
        }
        out.addHeader(Constants.HEADER_CONTENT_LOCATION, location);
        if (TAGGED.contains(request.getRestOperationType())) {
            out.addHeader(
                    Constants.HEADER_ETAG,
                    RestfulServerUtils.createEtag(body.getMeta().getVersionId()));
        }
        Date lastUpdated = body.getMeta().getLastUpdated();
        if (lastUpdated != null) {
            out.addHeader(Constants.HEADER_LAST_MODIFIED, DateUtils.formatDate(lastUpdated));
        }
        Writer writer = out.getResponseWriter(
                response.getResponseCode(),
                Constants.CT_FHIR_JSON_NEW,
                Constants.CHARSET_NAME_UTF8,
                request.isRespondGzip());
        writer.write(json.get());
        out.commitResponse(writer);
        return false;
    }

    /** A read parsed only for its checks, parsed whole for HAPI to encode as the request asks. */
    private IBaseResource whole(IBaseResource partial) {
        IBaseResource whole =
                fhirContext.newJsonParser().parseResource(StoredJson.of(partial).orElseThrow());
        whole.setId(partial.getIdElement());
        return whole;
    }
}
