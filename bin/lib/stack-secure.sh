# Sourced by bin/stack: the secure variant of the local stack (`bin/stack up --secure`).
#
# Nothing is open: a throwaway CA and a server certificate (for 127.0.0.1, ::1 and localhost) are
# made at first start; every server speaks TLS only and wants a password.
#   Kafka       one SASL_SSL listener (SCRAM-SHA-512) for clients; the controller listener is
#               SASL_SSL too (PLAIN: SCRAM credentials live in the metadata the controller serves).
#               StandardAuthorizer with ACLs per user; users created in KRaft at format time.
#   PostgreSQL  ssl=on, pg_hba with hostssl + scram-sha-256 lines only (no socket, no plain TCP).
#   InfluxDB    https only, auth-enabled; an admin and an application user.
#   S3Proxy     https only (PKCS#12 key store), AWS v4 signatures.
# Files, under the state directory: tls/ (ca.pem, ca.key, server.pem, server.key, server.p12, and
# api.pem, api.key: the query API's own HTTPS certificate and key, signed by the same CA),
# secrets.env (every generated password, mode 0600), kafka/admin-client.properties (the
# provisioning login). `bin/stack env --role ROLE` prints a role's client settings.

TLS_DIR=$STATE/tls
SECRETS=$STATE/secrets.env
CA_PEM=$TLS_DIR/ca.pem
SECURE_PG_ADMIN=stack_admin
SECURE_INFLUX_ADMIN=stack_admin
SECURE_S3_ACCESS_KEY=smarthome-s3
KAFKA_ROLES=(producer worker api admin)

# Which user may do what on the broker ("principal resource pattern name operations"). The
# ingest topics: devices, readings, logs, images.
INGEST_TOPICS=(smarthome.devices smarthome.readings smarthome.logs smarthome.images)
secure_acls() {
  local t
  for t in "${INGEST_TOPICS[@]}"; do
    echo "User:producer TOPIC LITERAL $t WRITE,DESCRIBE"
    echo "User:api TOPIC LITERAL $t WRITE,DESCRIBE"
    echo "User:worker TOPIC LITERAL $t READ,DESCRIBE"
    echo "User:worker TOPIC LITERAL $t.dlq WRITE,DESCRIBE"
  done
  # the state sink and the Streams processor: read and write the device-state topic and its DLQ
  echo "User:worker TOPIC LITERAL smarthome.device-state READ,WRITE,DESCRIBE"
  echo "User:worker TOPIC LITERAL smarthome.device-state.dlq WRITE,DESCRIBE"
  # the API's live streams (SSE): one reader per instance, partitions assigned, no consumer group
  echo "User:api TOPIC LITERAL smarthome.readings READ"
  echo "User:api TOPIC LITERAL smarthome.device-state READ,DESCRIBE"
  # the worker checks at start that every topic exists
  echo "User:worker TOPIC PREFIXED smarthome. DESCRIBE"
  # consumer groups <INGEST_GROUP_PREFIX>-<sink> and the Streams application id
  echo "User:worker GROUP PREFIXED smarthome- READ,DESCRIBE"
  # Kafka Streams (application id smarthome-device-state): internal topics and EOS transactions
  echo "User:worker TOPIC PREFIXED smarthome-device-state- ALL"
  echo "User:worker TRANSACTIONAL_ID PREFIXED smarthome-device-state WRITE,DESCRIBE"
}

secure_load() { # the instance's passwords, when it has been started once
  [ -f "$SECRETS" ] || return 1
  # shellcheck disable=SC1090
  . "$SECRETS"
}

secure_init() { # once per instance: passwords, CA, server certificate and key store
  mkdir -p "$TLS_DIR"
  chmod 700 "$TLS_DIR"
  if [ ! -s "$SECRETS" ]; then
    local v
    (
      umask 077
      for v in KAFKA_BROKER KAFKA_ADMIN KAFKA_PRODUCER KAFKA_WORKER KAFKA_API PG_ADMIN PG_APP \
        INFLUX_ADMIN INFLUX_APP S3_SECRET KEYSTORE; do
        echo "${v}_PW=$(openssl rand -hex 16)"
      done >"$SECRETS.tmp"
    )
    mv "$SECRETS.tmp" "$SECRETS"
  fi
  secure_load
  touch "$STATE/secure"
  [ -s "$TLS_DIR/server.p12" ] || secure_certs
  [ -s "$TLS_DIR/api.pem" ] || secure_api_cert
}

secure_certs() {
  say "making a throwaway CA and a server certificate ($TLS_DIR)"
  local log=$STATE/logs/tls.log
  (
    umask 077
    cd "$TLS_DIR"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 \
      -subj "/CN=smarthome local CA ($INSTANCE $(date -u +%Y%m%dT%H%M%SZ))" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    chmod 644 ca.pem
  ) >"$log" 2>&1 || { tail -20 "$log" >&2; die "making the CA failed"; }
  secure_sign server
  (
    umask 077
    cd "$TLS_DIR"
    openssl pkcs12 -export -in server.pem -inkey server.key -certfile ca.pem -name server \
      -passout "pass:$KEYSTORE_PW" -out server.p12
  ) >>"$log" 2>&1 || { tail -20 "$log" >&2; die "making the server key store failed"; }
}

# The query API serves HTTPS with a certificate of its own (the stores' key stays with the stores),
# for the same names, signed by the instance's CA: clients trust ca.pem for both.
secure_api_cert() {
  say "making the API's HTTPS certificate ($TLS_DIR/api.pem)"
  secure_sign api
}

# secure_sign NAME: NAME.key (PKCS#8) and NAME.pem, a server certificate for 127.0.0.1, ::1 and
# localhost signed by the instance's CA.
secure_sign() {
  local name=$1 log=$STATE/logs/tls.log ext
  ext=$(mktemp)
  printf '%s\n' "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost" \
    "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" >"$ext"
  (
    umask 077
    cd "$TLS_DIR"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$name.key"
    openssl req -new -key "$name.key" -subj "/CN=127.0.0.1" -out "$name.csr"
    openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 \
      -extfile "$ext" -out "$name.pem"
    rm -f "$name.csr" ca.srl
    chmod 644 "$name.pem"
  ) >>"$log" 2>&1 || { rm -f "$ext"; tail -20 "$log" >&2; die "making the $name certificate failed"; }
  rm -f "$ext"
}

# ---------------------------------------------------------------------------------------------
# Kafka

secure_kafka_config() {
  local jaas_scram="org.apache.kafka.common.security.scram.ScramLoginModule required"
  local jaas_plain="org.apache.kafka.common.security.plain.PlainLoginModule required"
  (
    umask 077
    cat >"$STATE/kafka/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
listener.security.protocol.map=CONTROLLER:SASL_SSL,SASL_SSL:SASL_SSL
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$jaas_scram username="broker" password="$KAFKA_BROKER_PW";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$jaas_plain username="broker" password="$KAFKA_BROKER_PW" user_broker="$KAFKA_BROKER_PW";
ssl.keystore.type=PKCS12
ssl.keystore.location=$TLS_DIR/server.p12
ssl.keystore.password=$KEYSTORE_PW
ssl.truststore.type=PEM
ssl.truststore.location=$CA_PEM
ssl.client.auth=none
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:broker;User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$STATE/kafka/data
num.partitions=$PARTITIONS
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=6
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.segment.bytes=268435456
EOF
    cat >"$STATE/kafka/admin-client.properties" <<EOF
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$jaas_scram username="admin" password="$KAFKA_ADMIN_PW";
ssl.truststore.type=PEM
ssl.truststore.location=$CA_PEM
EOF
  )
  # SCRAM users go into the metadata log when the storage is formatted
  KAFKA_FORMAT_ARGS=()
  local role pw
  for role in broker "${KAFKA_ROLES[@]}"; do
    pw=$(kafka_password "$role")
    KAFKA_FORMAT_ARGS+=(--add-scram "SCRAM-SHA-512=[name=$role,password=$pw]")
  done
}

kafka_password() {
  case "$1" in
    broker) echo "$KAFKA_BROKER_PW" ;;
    admin) echo "$KAFKA_ADMIN_PW" ;;
    producer) echo "$KAFKA_PRODUCER_PW" ;;
    worker) echo "$KAFKA_WORKER_PW" ;;
    api) echo "$KAFKA_API_PW" ;;
    *) die "unknown role '$1' (${KAFKA_ROLES[*]})" ;;
  esac
}

# The provisioning programs compiled once (the source launcher compiles on every run, which costs
# seconds on a busy machine)
secure_helpers() {
  local sum
  sum=$(cat "$REPO/bin/lib/CreateTopics.java" "$REPO/bin/lib/CreateAcls.java" <(echo "$KAFKA_CP") |
    sha1sum | cut -c1-12)
  HELPERS=$CACHE/helpers-$sum
  if [ ! -f "$HELPERS/CreateAcls.class" ]; then
    rm -rf "$HELPERS.tmp"
    javac -nowarn -d "$HELPERS.tmp" -cp "$KAFKA_CP" "$REPO/bin/lib/CreateTopics.java" \
      "$REPO/bin/lib/CreateAcls.java" >"$STATE/logs/javac.log" 2>&1 || {
        tail -20 "$STATE/logs/javac.log" >&2; die "compiling bin/lib/Create*.java failed"; }
    mv "$HELPERS.tmp" "$HELPERS" 2>/dev/null || rm -rf "$HELPERS.tmp" # another instance won
  fi
}

secure_provision_kafka() {
  local acls=() sum
  mapfile -t acls < <(secure_acls)
  secure_helpers
  java -cp "$HELPERS:$KAFKA_CP" CreateTopics --command-config \
    "$STATE/kafka/admin-client.properties" "127.0.0.1:$KAFKA_PORT" "$PARTITIONS" 60 "${TOPICS[@]}" \
    >>"$STATE/logs/provision.log" 2>&1 || {
      tail -20 "$STATE/logs/provision.log" >&2; die "creating the Kafka topics failed"; }
  # ACLs live in the metadata log: granted again only when the list changed
  sum=$(printf '%s\n' "${acls[@]}" | sha1sum | cut -c1-40)
  [ "$(cat "$STATE/kafka/acls.sha1" 2>/dev/null)" != "$sum" ] || return 0
  java -cp "$HELPERS:$KAFKA_CP" CreateAcls "$STATE/kafka/admin-client.properties" \
    "127.0.0.1:$KAFKA_PORT" "${acls[@]}" >>"$STATE/logs/provision.log" 2>&1 || {
      tail -20 "$STATE/logs/provision.log" >&2; die "creating the Kafka ACLs failed"; }
  echo "$sum" >"$STATE/kafka/acls.sha1"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

secure_pg_initdb() {
  local pw
  pw=$(mktemp)
  echo "$PG_ADMIN_PW" >"$pw"
  chmod 644 "$pw"
  "${PG_RUNAS[@]}" "$PGBIN/initdb" -D "$PGDATA" -U "$SECURE_PG_ADMIN" --pwfile="$pw" -E UTF8 \
    --no-locale --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$STATE/logs/initdb.log" 2>&1 || {
      rm -f "$pw"; tail -20 "$STATE/logs/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pw"
  cat >"$PGDATA/pg_hba.conf" <<EOF
# bin/stack --secure: TLS with a SCRAM password, from this host only; no socket, no plain TCP
hostssl all all 127.0.0.1/32 scram-sha-256
hostssl all all ::1/128 scram-sha-256
EOF
  # the server's key must belong to the server's user and be private to it
  cp "$TLS_DIR/server.pem" "$PGDATA/server.crt"
  cp "$TLS_DIR/server.key" "$PGDATA/server.key"
  chmod 600 "$PGDATA/server.key" "$PGDATA/pg_hba.conf"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PGDATA/server.crt" "$PGDATA/server.key" "$PGDATA/pg_hba.conf"
  fi
}

secure_pg_options() {
  echo "-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key -c password_encryption=scram-sha-256"
}

secure_psql() { # SQL...: as the cluster's admin, over TLS with the CA checked
  PGPASSWORD=$PG_ADMIN_PW "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -tA \
    "host=127.0.0.1 port=$PG_PORT dbname=postgres user=$SECURE_PG_ADMIN sslmode=verify-full sslrootcert=$CA_PEM" \
    "$@"
}

secure_provision_postgres() {
  if [ "$(secure_psql -c "select 1 from pg_roles where rolname = '$PG_USER'")" != 1 ]; then
    secure_psql -c "create role $PG_USER login password '$PG_APP_PW'" || die "creating role $PG_USER failed"
  fi
  if [ "$(secure_psql -c "select 1 from pg_database where datname = '$PG_DB'")" != 1 ]; then
    secure_psql -c "create database $PG_DB owner $PG_USER" || die "creating database $PG_DB failed"
  fi
}

# ---------------------------------------------------------------------------------------------
# InfluxDB

secure_influx_http() {
  cat <<EOF
[http]
  enabled = true
  bind-address = "127.0.0.1:$INFLUX_PORT"
  auth-enabled = true
  https-enabled = true
  https-certificate = "$TLS_DIR/server.pem"
  https-private-key = "$TLS_DIR/server.key"
  log-enabled = false
  suppress-write-log = true
EOF
}

influx_query() { # user password query: prints the HTTP status, the body to $STATE/logs/influx-q.json
  local auth=()
  [ -z "$1" ] || auth=(-u "$1:$2")
  curl -s -o "$STATE/logs/influx-q.json" -w '%{http_code}' --max-time 10 --cacert "$CA_PEM" \
    "${auth[@]}" -XPOST "https://127.0.0.1:$INFLUX_PORT/query" --data-urlencode "q=$3" || true
}

secure_provision_influxdb() {
  local code q
  if [ "$(influx_query "$SECURE_INFLUX_ADMIN" "$INFLUX_ADMIN_PW" "SHOW DATABASES")" != 200 ]; then
    # no user yet: InfluxDB lets exactly this statement through without a login
    code=$(influx_query "" "" \
      "CREATE USER \"$SECURE_INFLUX_ADMIN\" WITH PASSWORD '$INFLUX_ADMIN_PW' WITH ALL PRIVILEGES")
    [ "$code" = 200 ] || die "creating the InfluxDB admin failed (HTTP $code)"
  fi
  for q in "CREATE DATABASE $INFLUX_DB" \
    "CREATE USER \"$INFLUX_APP_USER\" WITH PASSWORD '$INFLUX_APP_PW'" \
    "GRANT ALL ON \"$INFLUX_DB\" TO \"$INFLUX_APP_USER\""; do
    code=$(influx_query "$SECURE_INFLUX_ADMIN" "$INFLUX_ADMIN_PW" "$q")
    [ "$code" = 200 ] || die "InfluxDB refused '${q%% WITH PASSWORD*}' (HTTP $code)"
  done
}

# ---------------------------------------------------------------------------------------------
# S3Proxy

secure_s3_config() {
  (
    umask 077
    cat >"$STATE/s3/s3proxy.conf" <<EOF
s3proxy.secure-endpoint=https://127.0.0.1:$S3_PORT
s3proxy.keystore-path=$TLS_DIR/server.p12
s3proxy.keystore-password=$KEYSTORE_PW
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$STATE/s3/data
EOF
  )
}

# ---------------------------------------------------------------------------------------------
# client settings

secure_env() {
  local role=$1 pw
  pw=$(kafka_password "$role")
  cat <<EOF
export SMARTHOME_STACK='$INSTANCE'
export SMARTHOME_STACK_DIR='$STATE'
export SMARTHOME_PORT_BASE='$BASE'
export SMARTHOME_STACK_ROLE='$role'
export SMARTHOME_CA_FILE='$CA_PEM'
export KAFKA_BOOTSTRAP_SERVERS='127.0.0.1:$KAFKA_PORT'
export KAFKA_TOPIC_PARTITIONS='$PARTITIONS'
export KAFKA_SECURITY_PROTOCOL='SASL_SSL'
export KAFKA_SASL_MECHANISM='SCRAM-SHA-512'
export KAFKA_SASL_USERNAME='$role'
export KAFKA_SASL_PASSWORD='$pw'
export KAFKA_SSL_CA_FILE='$CA_PEM'
export KAFKA_SSL_CERT_FILE=''
export KAFKA_SSL_KEY_FILE=''
export KAFKA_CLIENT_PROPERTIES_FILE=''
export INFLUXDB_URL='https://127.0.0.1:$INFLUX_PORT'
export INFLUXDB_BUCKET='$INFLUX_DB'
export INFLUXDB_USER='$INFLUX_APP_USER'
export INFLUXDB_TOKEN='$INFLUX_APP_PW'
export INFLUXDB_ORG=''
export INFLUXDB_CA_FILE='$CA_PEM'
export POSTGRES_HOST='127.0.0.1'
export POSTGRES_PORT='$PG_PORT'
export POSTGRES_DB='$PG_DB'
export POSTGRES_USER='$PG_USER'
export POSTGRES_PASSWORD='$PG_APP_PW'
export POSTGRES_SSLMODE='verify-full'
export POSTGRES_SSLROOTCERT='$CA_PEM'
export AWS_ACCESS_KEY_ID='$S3_ACCESS_KEY'
export AWS_SECRET_ACCESS_KEY='$S3_SECRET_KEY'
export AWS_REGION='$S3_REGION'
export S3_BUCKET_NAME='$S3_BUCKET'
export S3_ENDPOINT_URL='https://127.0.0.1:$S3_PORT'
export S3_CA_FILE='$CA_PEM'
EOF
  if [ "$role" = api ]; then
    cat <<EOF
export API_TLS_CERT_FILE='$TLS_DIR/api.pem'
export API_TLS_KEY_FILE='$TLS_DIR/api.key'
EOF
  fi
}
