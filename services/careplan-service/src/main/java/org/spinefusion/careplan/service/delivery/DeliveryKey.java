package org.spinefusion.careplan.service.delivery;

/**
 * One version of one resource for one endpoint: the db-scheduler task instance id ({@code endpoint|type|id|version}),
 * deterministic so a version is scheduled once per endpoint.
 */
record DeliveryKey(String endpointId, String type, String id, int version) {

    static final String TASK = "ehr-delivery";

    static DeliveryKey parse(String instanceId) {
        String[] parts = instanceId.split("\\|");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a delivery task: " + instanceId);
        }
        return new DeliveryKey(parts[0], parts[1], parts[2], Integer.parseInt(parts[3]));
    }

    String instanceId() {
        return endpointId + "|" + type + "|" + id + "|" + version;
    }

    String reference() {
        return type + "/" + id;
    }
}
