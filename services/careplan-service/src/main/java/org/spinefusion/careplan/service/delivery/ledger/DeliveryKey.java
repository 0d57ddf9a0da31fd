package org.spinefusion.careplan.service.delivery.ledger;

/**
 * One version of one resource for one endpoint: the db-scheduler task instance id ({@code endpoint|type|id|version}),
 * deterministic so a version is scheduled once per endpoint.
 */
public record DeliveryKey(String endpointId, String type, String id, int version) {

    public static final String TASK = "ehr-delivery";

    public static DeliveryKey parse(String instanceId) {
        String[] parts = instanceId.split("\\|");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a delivery task: " + instanceId);
        }
        return new DeliveryKey(parts[0], parts[1], parts[2], Integer.parseInt(parts[3]));
    }

    public String instanceId() {
        return endpointId + "|" + type + "|" + id + "|" + version;
    }

    String reference() {
        return type + "/" + id;
    }
}
