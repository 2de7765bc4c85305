-- Device metadata: one row per device, newest updated_at wins (the devices sink upserts).
create table devices (
    device_id        text primary key,
    device_type      text        not null,
    location         text        not null,
    manufacturer     text        not null,
    model            text        not null,
    firmware_version text        not null,
    last_maintenance timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index devices_type_idx on devices (device_type);
create index devices_location_idx on devices (location);

-- Device logs; log_id is the producer's event_id, so a replay inserts nothing twice.
create table system_logs (
    log_id     uuid primary key,
    device_id  text        not null,
    timestamp  timestamptz not null,
    level      text        not null,
    event_type text        not null,
    message    text        not null
);
create index system_logs_device_time_idx on system_logs (device_id, timestamp);

-- Index of the image objects in S3; written after the object, so a row always has its bytes.
create table device_images (
    image_id     uuid primary key,
    device_id    text        not null,
    s3_key       text        not null,
    content_type text        not null,
    size_bytes   bigint      not null,
    sha256       text        not null,
    filename     text        not null,
    captured_at  timestamptz not null,
    stored_at    timestamptz not null default now()
);
create index device_images_device_idx on device_images (device_id, captured_at);

-- Deletion watermarks: events of a device stamped at or before deleted_at are dropped by sinks.
create table device_deletions (
    device_id  text primary key,
    deleted_at timestamptz not null
);
