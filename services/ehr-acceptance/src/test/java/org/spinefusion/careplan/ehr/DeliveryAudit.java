package org.spinefusion.careplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * What a service database produced for its episodes, held against what the EHR holds. The produced resources are read
 * from the service's own resource tables, not from its delivery ledger, so a resource the ledger never recorded counts
 * as lost too. Each must be at the EHR exactly once under its delivery identifier (counted at the EHR), delivered at
 * its current version by the ledger's account, and every literal reference in the EHR's copy must resolve there.
 * Left out: planned messages not yet due (they stay in the service until their time) and what the ledger settled as
 * cancelled before it was ever sent.
 */
final class DeliveryAudit {

    static final Set<String> DELIVERED_TYPES =
            Set.of("CarePlan", "Goal", "Questionnaire", "Communication", "QuestionnaireResponse", "Task", "Observation");

    record Findings(
            Map<String, Integer> producedByType,
            List<String> lost,
            List<String> duplicated,
            List<String> dangling,
            int referencesResolved) {

        int produced() {
            return producedByType.values().stream().mapToInt(Integer::intValue).sum();
        }

        String summary() {
            return String.format(
                    "produced %d %s; lost %d, duplicated %d, dangling references %d (of %d resolved)",
                    produced(), producedByType, lost.size(), duplicated.size(), dangling.size(), referencesResolved);
        }
    }

    private record Ledger(String state, String ehrId, Integer deliveredVersion, String error) {}

    private final AcceptanceDatabase.Connection service;
    private final String endpoint;
    private final JpaEhr ehr;
    private final FhirContext fhir;

    DeliveryAudit(AcceptanceDatabase.Connection service, String endpoint, JpaEhr ehr) {
        this.service = service;
        this.endpoint = endpoint;
        this.ehr = ehr;
        this.fhir = ehr.fhir();
    }

    /** Waits until nothing due is pending or in flight at the endpoint, twice a second apart. */
    void awaitSettled(Duration limit) throws Exception {
        Instant end = Instant.now().plus(limit);
        int quiet = 0;
        try (Connection connection = connect()) {
            while (quiet < 2) {
                quiet = open(connection) == 0 ? quiet + 1 : 0;
                if (Instant.now().isAfter(end)) {
                    assertThat(openRows(connection)).as("deliveries open after %s", limit).isEmpty();
                }
                Thread.sleep(quiet == 0 ? 250 : 1000);
            }
        }
    }

    /** Asserts 0 lost, 0 duplicated, 0 dangling for everything the episodes produced; the findings, for the record. */
    Findings assertExactlyOnceAndResolving(Collection<EpisodeSpec> episodes) throws Exception {
        Findings findings = check(episodes);
        assertThat(findings.producedByType()).containsKeys("CarePlan", "Goal", "Questionnaire", "Communication");
        assertThat(findings.lost()).as("lost (%s)", findings.summary()).isEmpty();
        assertThat(findings.duplicated()).as("duplicated (%s)", findings.summary()).isEmpty();
        assertThat(findings.dangling()).as("dangling references (%s)", findings.summary()).isEmpty();
        return findings;
    }

    Findings check(Collection<EpisodeSpec> episodes) throws Exception {
        Set<String> patients = episodes.stream().map(e -> e.patient().getReference()).collect(Collectors.toSet());
        Set<String> plans = episodes.stream()
                .map(e -> new EpisodeIds(e.episodeKey()).carePlanId() + "#")
                .collect(Collectors.toSet());
        Map<String, Ledger> ledger = ledger();
        Map<String, Integer> producedByType = new TreeMap<>();
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> dangling = new ArrayList<>();
        Map<String, Boolean> resolved = new HashMap<>();
        Map<String, List<Resource>> copies = new HashMap<>();
        for (String type : DELIVERED_TYPES) {
            copies.putAll(ehrCopies(type));
        }
        for (Resource produced : produced()) {
            if (!ours(produced, patients, plans) || notDueYet(produced)) {
                continue;
            }
            String reference = produced.fhirType() + "/" + produced.getIdElement().getIdPart();
            Ledger row = ledger.get(reference);
            if (row != null && row.state().equals("cancelled")) {
                continue;
            }
            producedByType.merge(produced.fhirType(), 1, Integer::sum);
            List<Resource> atEhr = copies.getOrDefault(reference, List.of());
            int version = Integer.parseInt(produced.getMeta().getVersionId());
            if (atEhr.isEmpty()) {
                lost.add(reference + " (ledger: " + row + ")");
                continue;
            }
            if (atEhr.size() > 1) {
                duplicated.add(reference + " x" + atEhr.size() + " at the EHR: "
                        + atEhr.stream().map(r -> r.getIdElement().getIdPart()).toList());
            }
            if (row == null
                    || !row.state().equals("delivered")
                    || row.deliveredVersion() == null
                    || row.deliveredVersion() < version) {
                lost.add(reference + " version " + version + " not delivered (ledger: " + row + ")");
            }
            for (Resource copy : atEhr) {
                Resource read = (Resource) ehrClient().read()
                        .resource(copy.fhirType())
                        .withId(copy.getIdElement().getIdPart())
                        .execute();
                for (Reference cited : fhir.newTerser().getAllPopulatedChildElementsOfType(read, Reference.class)) {
                    String literal = cited.getReference();
                    if (literal == null || literal.startsWith("#")) {
                        continue;
                    }
                    if (!resolved.computeIfAbsent(literal, this::resolves)) {
                        dangling.add(literal + " in " + reference + " (EHR " + copy.fhirType() + "/"
                                + copy.getIdElement().getIdPart() + ")");
                    }
                }
            }
        }
        return new Findings(producedByType, lost, duplicated, dangling, resolved.size());
    }

    /** Subject (Task: for) one of the episodes' patients; a Questionnaire tailored for one of their plans. */
    private static boolean ours(Resource resource, Set<String> patients, Set<String> plans) {
        if (resource instanceof Questionnaire questionnaire) {
            return questionnaire.getIdentifier().stream()
                    .anyMatch(i -> i.getValue() != null && plans.stream().anyMatch(i.getValue()::startsWith));
        }
        Reference subject = resource instanceof Task task
                ? task.getFor()
                : (Reference) resource.getNamedProperty("subject").getValues().stream()
                        .findFirst()
                        .orElse(new Reference());
        return patients.contains(subject.getReference());
    }

    /** A planned message whose time has not come: it is not meant to be at the EHR yet. */
    private static boolean notDueYet(Resource resource) {
        return resource instanceof Communication message
                && message.getStatus() == Communication.CommunicationStatus.PREPARATION;
    }

    private boolean resolves(String literal) {
        String relative = literal;
        if (literal.startsWith("http://") || literal.startsWith("https://")) {
            if (!literal.startsWith(ehr.baseUrl() + "/")) {
                return false;
            }
            relative = literal.substring(ehr.baseUrl().length() + 1);
        }
        String[] parts = relative.split("/");
        if (parts.length < 2 || !Character.isUpperCase(parts[0].charAt(0))) {
            return false;
        }
        try {
            return ehrClient().read().resource(parts[0]).withId(parts[1]).execute() != null;
        } catch (ResourceNotFoundException | ResourceGoneException missing) {
            return false;
        }
    }

    /** Every copy at the EHR of a resource of {@code type} carrying a delivery identifier, by that identifier. */
    private Map<String, List<Resource>> ehrCopies(String type) {
        Map<String, List<Resource>> copies = new HashMap<>();
        Bundle page = ehrClient().search()
                .forResource(type)
                .where(new TokenClientParam("identifier").hasSystemWithAnyCode(EhrDeliveryIT.DELIVERY))
                .count(200)
                .cacheControl(EhrDeliveryIT.FRESH)
                .returnBundle(Bundle.class)
                .execute();
        while (true) {
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                DomainResource copy = (DomainResource) entry.getResource();
                copy.getNamedProperty("identifier").getValues().stream()
                        .map(Identifier.class::cast)
                        .filter(i -> EhrDeliveryIT.DELIVERY.equals(i.getSystem()))
                        .forEach(i -> copies.computeIfAbsent(i.getValue(), v -> new ArrayList<>()).add(copy));
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return copies;
            }
            page = ehrClient().loadPage().next(page).execute();
        }
    }

    private IGenericClient ehrClient() {
        return ehr.client();
    }

    /** The current version of every resource the service holds of the delivered types. */
    private List<Resource> produced() throws SQLException {
        List<Resource> resources = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("select coalesce(v.json, v.content::text), c.version_id, c.res_id from"
                        + " resource_current c join resource_version v using (res_type, res_id, version_id)"
                        + " where c.res_type = any(?)")) {
            statement.setArray(1, connection.createArrayOf("text", DELIVERED_TYPES.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Resource resource = (Resource) fhir.newJsonParser().parseResource(rs.getString(1));
                    // Id and version are the row's; the stored content need not carry them.
                    resource.setId(resource.fhirType() + "/" + rs.getString(3));
                    resource.getMeta().setVersionId(String.valueOf(rs.getInt(2)));
                    resources.add(resource);
                }
            }
        }
        return resources;
    }

    private Map<String, Ledger> ledger() throws SQLException {
        Map<String, Ledger> rows = new HashMap<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("select res_type, res_id, state, ehr_id,"
                        + " delivered_version, last_error from delivery where endpoint_id = ?")) {
            statement.setString(1, endpoint);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.put(
                            rs.getString(1) + "/" + rs.getString(2),
                            new Ledger(rs.getString(3), rs.getString(4), (Integer) rs.getObject(5), rs.getString(6)));
                }
            }
        }
        return rows;
    }

    private long open(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select count(*) from delivery where"
                        + " endpoint_id = ? and (in_flight or (state = 'pending' and due <= now()))")) {
            statement.setString(1, endpoint);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> openRows(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select res_type || '/' || res_id || ' '"
                        + " || state || ' failures ' || failures || ' ' || coalesce(last_error, '') from delivery"
                        + " where endpoint_id = ? and (in_flight or (state = 'pending' and due <= now())) limit 20")) {
            statement.setString(1, endpoint);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(service.url(), service.user(), service.password());
    }
}
