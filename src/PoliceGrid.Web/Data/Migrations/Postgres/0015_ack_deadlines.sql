-- 0015: the administrator's deadline to acknowledge each kind of message, for police and for grid work. From 'schema-script Postgres'.
CREATE TABLE ack_deadlines (
    kind integer NOT NULL,
    police boolean NOT NULL,
    minutes integer NOT NULL,
    CONSTRAINT pk_ack_deadlines PRIMARY KEY (kind, police)
);
