package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.Provenance;
import org.springframework.stereotype.Component;

@Component
class ProvenanceColumns implements SearchColumns<Provenance> {

    @Override
    public Class<Provenance> type() {
        return Provenance.class;
    }

    @Override
    public SearchValues extract(Provenance provenance) {
        return new SearchValues.Builder()
                .refs(provenance.getTarget())
                .date(provenance.getRecordedElement())
                .build();
    }
}
