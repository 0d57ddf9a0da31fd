package org.spinefusion.careplan.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.goal;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CarePlanIntegrationTest
class ResourceRepositoryIT {

    @Autowired
    ResourceRepository repository;

    @Autowired
    JdbcClient jdbc;

    @Test
    void writesNothingWhenContentIsUnchanged() {
        String id = unique("cp");
        StoredResource first =
                repository.saveAll(List.of(carePlan(id, "Patient/p1"))).get(0);

        CarePlan again = carePlan(id, "Patient/p1");
        again.getMeta().setVersionId("17");
        StoredResource second = repository.saveAll(List.of(again)).get(0);

        assertThat(first.written()).isTrue();
        assertThat(second.written()).isFalse();
        assertThat(second.versionId()).isEqualTo(1);
        assertThat(second.lastUpdated()).isEqualTo(first.lastUpdated());
        assertThat(again.getMeta().getVersionId()).isEqualTo("1");
        assertThat(again.getMeta().getLastUpdated().toInstant()).isEqualTo(first.lastUpdated());
        assertThat(versionRows("CarePlan", id)).isEqualTo(1);
    }

    @Test
    void writesNextVersionWhenContentChanges() {
        String id = unique("cp");
        repository.saveAll(List.of(carePlan(id, "Patient/p1")));
        CarePlan changed = carePlan(id, "Patient/p1").setStatus(CarePlan.CarePlanStatus.REVOKED);

        StoredResource stored = repository.saveAll(List.of(changed)).get(0);

        assertThat(stored.written()).isTrue();
        assertThat(stored.versionId()).isEqualTo(2);
        assertThat(changed.getIdElement().getVersionIdPart()).isEqualTo("2");
        assertThat(((CarePlan) repository.readCurrent("CarePlan", id).orElseThrow()).getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(((CarePlan) repository.readVersion("CarePlan", id, 1).orElseThrow()).getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(repository.history("CarePlan", id))
                .extracting(resource -> resource.getMeta().getVersionId())
                .containsExactly("2", "1");
    }

    @Test
    void writesOnlyTheChangedResourcesOfABatch() {
        String patient = "Patient/" + unique("p");
        Goal goal = goal(unique("goal"), patient, "2026-06-01");
        CarePlan plan = carePlan(unique("cp"), patient).addGoal(new Reference("Goal/" + goal.getIdPart()));
        repository.saveAll(List.of(goal, plan));

        Goal sameGoal = goal(goal.getIdPart(), patient, "2026-06-01");
        CarePlan newTitle = carePlan(plan.getIdPart(), patient)
                .addGoal(new Reference("Goal/" + goal.getIdPart()))
                .setTitle("Revised plan");
        List<StoredResource> stored = repository.saveAll(List.of(sameGoal, newTitle));

        assertThat(stored).extracting(StoredResource::written).containsExactly(false, true);
        assertThat(stored).extracting(StoredResource::versionId).containsExactly(1, 2);
    }

    @Test
    void storesSearchColumnsOfTheCurrentVersion() {
        String id = unique("cp");
        repository.saveAll(List.of(carePlan(id, "Patient/p7").addGoal(new Reference("Goal/g1"))));

        var row = jdbc.sql("select subject, status, categories, identifiers, refs, date_start, date_end"
                        + " from resource_current where res_type = 'CarePlan' and res_id = ?")
                .param(id)
                .query()
                .singleRow();

        assertThat(row.get("subject")).isEqualTo("Patient/p7");
        assertThat(row.get("status")).isEqualTo("active");
        assertThat(row.get("categories").toString()).contains("http://snomed.info/sct|734163000", "|734163000");
        assertThat(row.get("identifiers").toString()).contains("episode-" + id);
        assertThat(row.get("refs").toString()).isEqualTo("{Goal/g1}");
        assertThat(row.get("date_start").toString()).startsWith("2026-03-02 00:00:00");
        assertThat(row.get("date_end").toString()).startsWith("2027-03-02 00:00:00");
    }

    @Test
    void rejectsABatchHoldingTheSameResourceTwice() {
        String id = unique("cp");
        assertThatThrownBy(() -> repository.saveAll(List.of(carePlan(id, "Patient/p"), carePlan(id, "Patient/p"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(versionRows("CarePlan", id)).isZero();
    }

    @Test
    void numbersVersionsWithoutGapsUnderConcurrentSaves() throws Exception {
        String id = unique("cp");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<StoredResource>> saves = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String title = "title " + i;
                saves.add(() -> repository
                        .saveAll(List.of(carePlan(id, "Patient/p").setTitle(title)))
                        .get(0));
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<StoredResource> result : pool.invokeAll(saves)) {
                versions.add(result.get().versionId());
            }
            assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
        assertThat(versionRows("CarePlan", id)).isEqualTo(writers);
    }

    @Test
    void readsVersionsInTheOrderAsked() {
        String a = unique("cp");
        String b = unique("cp");
        repository.saveAll(List.of(carePlan(a, "Patient/p"), carePlan(b, "Patient/p")));

        List<Resource> read = repository.readVersions(List.of(
                new VersionRef("CarePlan", b, 1),
                new VersionRef("CarePlan", "missing", 1),
                new VersionRef("CarePlan", a, 1)));

        assertThat(read).extracting(r -> r.getIdElement().getIdPart()).containsExactly(b, a);
    }

    private int versionRows(String type, String id) {
        return jdbc.sql("select count(*) from resource_version where res_type = ? and res_id = ?")
                .params(type, id)
                .query(Integer.class)
                .single();
    }
}
