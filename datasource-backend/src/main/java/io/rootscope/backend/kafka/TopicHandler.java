package io.rootscope.backend.kafka;

/** What a topic's messages become: one message's value, for a tenant, stored with its {@link OffsetClaim}. */
@FunctionalInterface
interface TopicHandler {

    /**
     * Stores what {@code value} carries and claims the message, both or neither. An exception the database's absence
     * explains makes the consumer retry the message; any other skips it (the claim then written alone).
     */
    void handle(long tenantId, byte[] value, OffsetClaim claim) throws Exception;
}
