-- Live state per device, persisted from the smarthome.device-state topic (the state processor).
create table device_state (
    device_id          text primary key,
    device_type        text        not null,
    status             text        not null,
    last_seen          timestamptz not null,
    readings_last_hour integer     not null,
    usual_interval_ms  bigint      not null,
    latest             jsonb       not null,
    updated_at         timestamptz not null
);
create index device_state_status_idx on device_state (status);
