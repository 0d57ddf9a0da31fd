package org.spinefusion.careplan.pathway.testing;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.pathway.Canonicals;

/**
 * A surgery episode as a test describes it, turned into the $apply input (a Bundle with the surgery
 * ServiceRequest). Shared with the service's tests through the engine's test-jar.
 */
public record EpisodeSpec(
        String name,
        String episodeId,
        String patientId,
        LocalDate surgeryDate,
        String procedureCode,
        String region,
        String levels,
        Set<String> details,
        ServiceRequest.ServiceRequestStatus status) {

    public static final String EPISODE_SYSTEM = "urn:oid:2.16.840.1.113883.3.9999.1";

    public static EpisodeSpec lumbar(String name, LocalDate surgeryDate, String... details) {
        return new EpisodeSpec(
                name,
                "surg-" + name,
                "pat-" + name,
                surgeryDate,
                "50172003",
                "lumbar",
                "L4-L5",
                new LinkedHashSet<>(List.of(details)),
                ServiceRequest.ServiceRequestStatus.ACTIVE);
    }

    public static EpisodeSpec cervical(String name, LocalDate surgeryDate, String... details) {
        return new EpisodeSpec(
                name,
                "surg-" + name,
                "pat-" + name,
                surgeryDate,
                "81099000",
                "cervical",
                "C5-C6",
                new LinkedHashSet<>(List.of(details)),
                ServiceRequest.ServiceRequestStatus.ACTIVE);
    }

    public boolean has(String detail) {
        return details.contains(detail);
    }

    public EpisodeSpec withSurgeryDate(LocalDate date) {
        return new EpisodeSpec(name, episodeId, patientId, date, procedureCode, region, levels, details, status);
    }

    public EpisodeSpec withStatus(ServiceRequest.ServiceRequestStatus newStatus) {
        return new EpisodeSpec(
                name, episodeId, patientId, surgeryDate, procedureCode, region, levels, details, newStatus);
    }

    public EpisodeSpec withDetails(String... newDetails) {
        return new EpisodeSpec(
                name,
                episodeId,
                patientId,
                surgeryDate,
                procedureCode,
                region,
                levels,
                new LinkedHashSet<>(List.of(newDetails)),
                status);
    }

    public EpisodeSpec withPatient(String newPatientId) {
        return new EpisodeSpec(
                name, episodeId, newPatientId, surgeryDate, procedureCode, region, levels, details, status);
    }

    public Reference patient() {
        return new Reference("Patient/" + patientId);
    }

    public String episodeKey() {
        return EPISODE_SYSTEM + "|" + episodeId;
    }

    public ServiceRequest surgeryRequest() {
        ServiceRequest request = new ServiceRequest();
        request.setId(episodeId);
        request.getMeta().addProfile(Canonicals.PROFILE_SURGERY_REQUEST);
        request.addIdentifier().setSystem(EPISODE_SYSTEM).setValue(episodeId);
        request.setStatus(status);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", procedureCode, null)));
        request.setSubject(patient());
        request.setOccurrence(new DateTimeType(surgeryDate.toString()));
        request.addBodySite(new CodeableConcept().addCoding(new Coding(Canonicals.CS_SPINAL_REGION, region, null)));
        for (String detail : details) {
            request.addOrderDetail(
                    new CodeableConcept().addCoding(new Coding(Canonicals.CS_EPISODE_DETAIL, detail, null)));
        }
        request.addExtension(Canonicals.EXT_FUSION_LEVELS, new StringType(levels));
        return request;
    }

    public Bundle data() {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(episodeId.getBytes()))
                .setResource(surgeryRequest());
        return bundle;
    }

    @Override
    public String toString() {
        return name;
    }
}
