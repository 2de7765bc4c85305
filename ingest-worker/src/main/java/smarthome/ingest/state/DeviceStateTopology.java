package smarthome.ingest.state;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.Stores;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import smarthome.common.config.KafkaSettings;
import smarthome.common.kafka.Topics;

/**
 * The live-state topology: readings and device tombstones in (both keyed by device_id, so one task
 * sees everything of a device), one stateful processor, changed states out to the compacted
 * smarthome.device-state topic. Built apart from any main so TopologyTestDriver can run it.
 */
public final class DeviceStateTopology {
  public static final String STORE = "device-state-store";

  private DeviceStateTopology() {}

  public static Topology build(DeviceStateProcessor.StateOptions options) {
    Topology t = new Topology();
    t.addSource("readings", new StringDeserializer(), new ByteArrayDeserializer(), Topics.READINGS.name());
    t.addSource("devices", new StringDeserializer(), new ByteArrayDeserializer(), Topics.DEVICES.name());
    t.addProcessor("device-state", () -> new DeviceStateProcessor(options), "readings", "devices");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
        Serdes.String(), DeviceStateSerde.serde()), "device-state");
    t.addSink("state-out", Topics.DEVICE_STATE.name(), new StringSerializer(), new ByteArraySerializer(),
        "device-state");
    return t;
  }

  public static DeviceStateProcessor.StateOptions options(Duration punctuateEvery, int offlineMultiple,
      Duration offlineMin) {
    return new DeviceStateProcessor.StateOptions(punctuateEvery, offlineMultiple, offlineMin,
        Duration.ofSeconds(60));
  }

  /**
   * Exactly-once v2, RocksDB sharing one bounded cache, and static membership so a restarted
   * instance takes its partitions back at once instead of after the session timeout.
   */
  public static Properties streamsConfig(KafkaSettings kafka, StateSettings s) {
    Properties p = new Properties();
    // the same login and TLS as every other client: Streams' admin, consumers and producers
    kafka.security().applyTo(p);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1");
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(8L << 20));
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemory.class.getName());
    p.put(StreamsConfig.consumerPrefix("group.instance.id"), s.instanceId());
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), "15000");
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    return p;
  }

  /** All RocksDB stores of the process share one 32 MiB block cache and write-buffer budget. */
  public static final class BoundedMemory implements RocksDBConfigSetter {
    private static final long TOTAL = 32L << 20;
    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    /** Created on first use: the native library is loaded by then, not at class loading. */
    private static synchronized void init() {
      if (cache == null) {
        RocksDB.loadLibrary();
        cache = new LRUCache(TOTAL, -1, false, 0.1);
        writeBuffers = new WriteBufferManager(TOTAL / 2, cache);
      }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
      init();
      BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      table.setBlockCache(cache);
      table.setCacheIndexAndFilterBlocks(true);
      options.setWriteBufferManager(writeBuffers);
      options.setMaxWriteBufferNumber(2);
      options.setWriteBufferSize(4L << 20);
      options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
      // the cache and buffer manager are shared by every store: never closed per store
    }
  }
}
