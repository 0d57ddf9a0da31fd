package org.spinefusion.careplan.service.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl the public FHIR base URL for links; empty: taken from each request (and its X-Forwarded headers)
 * @param search paging of search results
 */
@ConfigurationProperties("careplan")
record FhirServerProperties(String baseUrl, @DefaultValue Search search) {

    /**
     * @param defaultPageSize entries per page when the client gives no {@code _count}
     * @param maxPageSize the largest {@code _count} honoured
     * @param maxResults matches kept per search; a search matching more is cut at this many
     * @param snapshotLifetime how long the pages of a search stay available
     */
    record Search(
            @DefaultValue("20") int defaultPageSize,
            @DefaultValue("200") int maxPageSize,
            @DefaultValue("10000") int maxResults,
            @DefaultValue("1h") Duration snapshotLifetime) {}
}
