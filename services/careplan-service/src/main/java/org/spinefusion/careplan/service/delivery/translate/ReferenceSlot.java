package org.spinefusion.careplan.service.delivery.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * One literal reference in an outgoing copy, whether the copy is a parsed resource or its JSON: the translation rules
 * are the same for both, so they are written once against this.
 */
interface ReferenceSlot {

    String literal();

    /** Points the reference at {@code reference}. */
    void point(String reference);

    /** A reference by identifier only: no literal reference, the type kept (or set) so the EHR knows what it names. */
    void logical(String system, String value, String type);

    static ReferenceSlot of(Reference reference) {
        return new ReferenceSlot() {
            @Override
            public String literal() {
                return reference.getReference();
            }

            @Override
            public void point(String target) {
                reference.setReference(target);
            }

            @Override
            public void logical(String system, String value, String type) {
                reference.setReference(null);
                reference.setIdentifier(new Identifier().setSystem(system).setValue(value));
                if (!reference.hasType()) {
                    reference.setType(type);
                }
            }
        };
    }

    /**
     * Every Reference in a resource's JSON: an object with a string {@code reference} (an object-valued
     * {@code reference}, as {@code CarePlan.activity.reference}, is a Reference itself and is looked into). The
     * narrative is a string and holds none.
     */
    static List<ReferenceSlot> in(ObjectNode resource) {
        List<ReferenceSlot> slots = new ArrayList<>();
        collect(resource, slots);
        return slots;
    }

    private static void collect(JsonNode node, List<ReferenceSlot> slots) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, slots));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        if (object.path("reference").isTextual()) {
            slots.add(of(object));
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getValue().isContainerNode()) {
                collect(field.getValue(), slots);
            }
        }
    }

    private static ReferenceSlot of(ObjectNode reference) {
        return new ReferenceSlot() {
            @Override
            public String literal() {
                return reference.path("reference").asText(null);
            }

            @Override
            public void point(String target) {
                reference.put("reference", target);
            }

            @Override
            public void logical(String system, String value, String type) {
                reference.remove("reference");
                reference.putObject("identifier").put("system", system).put("value", value);
                if (!reference.has("type")) {
                    reference.put("type", type);
                }
            }
        };
    }
}
