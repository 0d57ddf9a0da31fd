package org.spinefusion.careplan.service.delivery;

import java.time.Duration;
import java.util.List;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery to EHR endpoints.
 *
 * @param requestTimeout how long one request to an EHR may take; past it the outcome is unknown and reconciled
 * @param lease how long one replica holds a resource while it sends it; longer than a request with its token fetch
 * @param backoffBase the first retry delay; each further failure doubles it, with jitter, up to {@code backoffMax}
 * @param capabilityRefresh how often each endpoint's CapabilityStatement and SMART configuration are read again
 * @param endpointCacheLifetime how long a replica trusts its copy of the registered endpoints
 * @param identifierSystem the system of the identifier every delivered resource carries, to find it at the EHR
 * @param endpoints endpoints registered from configuration at start-up
 * @param acknowledgementPoll how often the EHR's copies of open escalation Tasks are read, to see acknowledgements
 *     made there
 */
@ConfigurationProperties("careplan.delivery")
public record DeliveryProperties(
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("40s") Duration lease,
        @DefaultValue("2s") Duration backoffBase,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("6h") Duration capabilityRefresh,
        @DefaultValue("10s") Duration endpointCacheLifetime,
        @DefaultValue("http://careplan.spinefusion.org/fhir/identifier/delivery") String identifierSystem,
        @DefaultValue List<EndpointSettings> endpoints,
        @DefaultValue("15s") Duration acknowledgementPoll) {}
