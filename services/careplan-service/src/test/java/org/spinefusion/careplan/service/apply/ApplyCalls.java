package org.spinefusion.careplan.service.apply;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.TestHttp;

/** Calls $apply over HTTP, through HAPI's client for good input and as raw HTTP for bad input. */
final class ApplyCalls {

    static final String PATHWAY = "PlanDefinition/spinal-fusion-pathway";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final int port;
    private final TestHttp http;

    ApplyCalls(int port) {
        this.port = port;
        this.http = new TestHttp(port);
    }

    IGenericClient client() {
        return FhirClients.client(port);
    }

    CarePlan apply(EpisodeSpec episode) {
        return client().operation()
                .onInstance(PATHWAY)
                .named("$apply")
                .withParameters(parameters(episode.patient().getReference(), episode.data()))
                .returnResourceType(CarePlan.class)
                .execute();
    }

    static Parameters parameters(String subject, Bundle data) {
        Parameters parameters = new Parameters();
        if (subject != null) {
            parameters.addParameter("subject", new StringType(subject));
        }
        if (data != null) {
            parameters.addParameter().setName("data").setResource(data);
        }
        return parameters;
    }

    static String json(Parameters parameters) {
        return FHIR.newJsonParser().encodeResourceToString(parameters);
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.post(path, contentType, body);
    }

    HttpResponse<String> postApply(String body) throws Exception {
        return post(PATHWAY + "/$apply", "application/fhir+json", body);
    }

    static OperationOutcome outcome(HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }
}
