package org.spinefusion.careplan.service.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/** HAPI generic clients for the service under test, with a bearer token. */
public final class FhirClients {

    private static final FhirContext CLIENT_CONTEXT = FhirContext.forR4();

    static {
        CLIENT_CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    private FhirClients() {}

    public static String base(int port) {
        return "http://localhost:" + port + "/fhir";
    }

    /** A client with a system-level token carrying full scopes ({@link TestTokens#system()}). */
    public static IGenericClient client(int port) {
        return client(port, TestTokens.system());
    }

    /** A client sending the given bearer token; null sends none. */
    public static IGenericClient client(int port, String token) {
        IGenericClient client = CLIENT_CONTEXT.newRestfulGenericClient(base(port));
        if (token != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return client;
    }

    /** Applies the pathway to the episode over HTTP with a full-scope system token; returns the stored CarePlan. */
    public static CarePlan applyPathway(int port, EpisodeSpec episode) {
        return applyPathway(client(port), episode);
    }

    /** Applies the pathway to the episode through the given client (and so with its token). */
    public static CarePlan applyPathway(IGenericClient client, EpisodeSpec episode) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode.patient().getReference()));
        parameters.addParameter().setName("data").setResource(episode.data());
        return client.operation()
                .onInstance("PlanDefinition/spinal-fusion-pathway")
                .named("$apply")
                .withParameters(parameters)
                .returnResourceType(CarePlan.class)
                .execute();
    }
}
