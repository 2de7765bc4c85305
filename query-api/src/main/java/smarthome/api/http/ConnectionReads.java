package smarthome.api.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;

/**
 * Lets one read of a connection take up to {@link #MAX_READ} of what the client has sent, not
 * Netty's 64 KiB. The server reads a connection only when the request asks for more (auto-read
 * off) and then one buffer per turn of the event loop; on a machine whose cores are busy with
 * other work, a turn comes a few times a second, so at 64 KiB a turn a 10 MiB upload took longer
 * than the load scenario's whole run while readers kept the event loop busy. Reads start small
 * and grow only while a connection keeps filling them, so quiet or trickling connections keep
 * small buffers.
 */
@Singleton
public final class ConnectionReads implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
  static final int MAX_READ = 1024 * 1024;

  @Override
  public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new NettyServerCustomizer() {
      @Override
      public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
        if (role == ChannelRole.CONNECTION) {
          channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ));
        }
        return this;
      }
    });
    return event.getBean();
  }
}
