package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.PlanDefinition;
import org.springframework.stereotype.Component;

@Component
class PlanDefinitionColumns implements SearchColumns<PlanDefinition> {

    @Override
    public Class<PlanDefinition> type() {
        return PlanDefinition.class;
    }

    @Override
    public SearchValues extract(PlanDefinition definition) {
        return new SearchValues.Builder()
                .status(definition.hasStatus() ? definition.getStatus().toCode() : null)
                .identifiers(definition.getIdentifier())
                .canonical(definition.getUrl(), definition.getVersion())
                .date(definition.getDateElement())
                .build();
    }
}
