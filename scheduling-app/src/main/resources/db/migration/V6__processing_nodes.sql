-- The nodes of the service that are up, each as it names itself to the token store (scheduling.node-id), with when it
-- last said so: every node shares the event processors' segments fairly with the nodes up (eventstore.SegmentSharing).
CREATE TABLE processing_node (
    node_id   VARCHAR(255)             NOT NULL,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (node_id)
);
