package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.ActivityDefinition;
import org.springframework.stereotype.Component;

@Component
class ActivityDefinitionColumns implements SearchColumns<ActivityDefinition> {

    @Override
    public Class<ActivityDefinition> type() {
        return ActivityDefinition.class;
    }

    @Override
    public SearchValues extract(ActivityDefinition definition) {
        return new SearchValues.Builder()
                .status(definition.hasStatus() ? definition.getStatus().toCode() : null)
                .identifiers(definition.getIdentifier())
                .canonical(definition.getUrl(), definition.getVersion())
                .date(definition.getDateElement())
                .build();
    }
}
