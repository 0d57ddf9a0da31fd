package org.spinefusion.careplan.service.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;

/** HAPI generic clients for the service under test. */
public final class FhirClients {

    private static final FhirContext CLIENT_CONTEXT = FhirContext.forR4();

    static {
        CLIENT_CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    private FhirClients() {}

    public static String base(int port) {
        return "http://localhost:" + port + "/fhir";
    }

    public static IGenericClient client(int port) {
        return CLIENT_CONTEXT.newRestfulGenericClient(base(port));
    }
}
