// A single-node OpenSearch cluster in this JVM, for the native stack: the Elasticsearch-API store the
// collector's elasticsearch exporter writes to. Usage: java -jar otel-gateway-opensearch.jar <dataDir>
// Env: OPENSEARCH_PORT (HTTP, default 9200), OPENSEARCH_TRANSPORT_PORT (default 9300).
// Binds 127.0.0.1 only, no security plugin, no network beyond loopback; stops cleanly on SIGTERM.
// Two shims for the collector's elasticsearch exporter (go-elasticsearch + go-docappender):
// - every response carries `X-Elastic-Product: Elasticsearch`: the Go client refuses a server without it
//   ("the client noticed that the server is not Elasticsearch and we do not support this unknown product");
// - `_bulk` accepts the Elasticsearch-only query parameters `require_data_stream` and
//   `include_source_on_error` (ignored; OpenSearch rejects unknown parameters with 400).
// And a dead-letter index: a document the store refuses (a mapping conflict, an immense term, a
// malformed value, a shard not ready) is written with its reason and its source to `otel-dead-letter`;
// the exporter retries a refused document twice, then counts and drops it (docs/reliability.md).
// A letter's id is the digest of index and source, so retries of one document leave one letter.
// And overwrites: the exporter writes with the bulk action `create`, which refuses an id that exists
// (409); the store's pipeline gives each span and log record a deterministic id (src/stack/store-mapping.ts),
// so a retried request's copy is written as `index`, overwriting the document instead of being refused.

import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.OpenSearchException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.DocWriteRequest;
import org.opensearch.action.bulk.BulkAction;
import org.opensearch.action.bulk.BulkItemResponse;
import org.opensearch.action.bulk.BulkRequest;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.action.support.ActionFilter;
import org.opensearch.action.support.ActionFilterChain;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.env.Environment;
import org.opensearch.env.NodeEnvironment;
import org.opensearch.repositories.RepositoriesService;
import org.opensearch.script.ScriptService;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.client.Client;
import org.opensearch.watcher.ResourceWatcherService;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.transport.client.node.NodeClient;

public final class Main {
    private Main() {
    }

    /** Elasticsearch bulk parameters OpenSearch does not know; read (and so accepted) without effect. */
    static final String[] IGNORED_BULK_PARAMS = {"require_data_stream", "include_source_on_error"};

    /** Makes OpenSearch pass the checks Elasticsearch clients make; see the file's opening comment. */
    public static final class ElasticsearchClientShim extends Plugin implements ActionPlugin {
        @Override
        public UnaryOperator<RestHandler> getRestHandlerWrapper(final ThreadContext threadContext) {
            return handler -> new RestHandler.Wrapper(handler) {
                @Override
                public void handleRequest(final RestRequest request, final RestChannel channel,
                        final NodeClient client) throws Exception {
                    threadContext.addResponseHeader("X-Elastic-Product", "Elasticsearch");
                    if (request.path().endsWith("/_bulk")) {
                        for (final String name : IGNORED_BULK_PARAMS) {
                            request.param(name);
                        }
                    }
                    super.handleRequest(request, channel, client);
                }
            };
        }
    }

    /** A retried span or log record overwrites its first copy; see the file's opening comment. */
    public static final class Overwrites extends Plugin implements ActionPlugin {
        static final String[] INDICES = {"otel-logs", "otel-traces"};

        @Override
        public List<ActionFilter> getActionFilters() {
            return List.of(new ActionFilter() {
                @Override
                public int order() {
                    return 0;
                }

                @Override
                public <Q extends ActionRequest, R extends ActionResponse> void apply(final Task task, final String action,
                        final Q request, final ActionListener<R> listener, final ActionFilterChain<Q, R> chain) {
                    if (BulkAction.NAME.equals(action) && request instanceof BulkRequest bulk) {
                        for (final DocWriteRequest<?> item : bulk.requests()) {
                            if (item instanceof IndexRequest indexed && item.opType() == DocWriteRequest.OpType.CREATE && isStore(item.index())) {
                                indexed.opType(DocWriteRequest.OpType.INDEX);
                            }
                        }
                    }
                    chain.proceed(task, action, request, listener);
                }
            });
        }

        static boolean isStore(final String index) {
            for (final String prefix : INDICES) {
                if (index != null && index.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Keeps every document the store refuses in the dead-letter index; see the file's opening comment. */
    public static final class DeadLetters extends Plugin implements ActionPlugin {
        static final String INDEX = "otel-dead-letter";
        private final AtomicReference<Client> client = new AtomicReference<>();

        @Override
        public Collection<Object> createComponents(final Client nodeClient, final ClusterService clusterService,
                final ThreadPool threadPool, final ResourceWatcherService watcher, final ScriptService scripts,
                final NamedXContentRegistry xContent, final Environment environment, final NodeEnvironment nodeEnvironment,
                final NamedWriteableRegistry writeables, final IndexNameExpressionResolver resolver,
                final Supplier<RepositoriesService> repositories) {
            client.set(nodeClient);
            return List.of();
        }

        @Override
        public List<ActionFilter> getActionFilters() {
            return List.of(new ActionFilter() {
                @Override
                public int order() {
                    return Integer.MAX_VALUE;
                }

                @Override
                public <Q extends ActionRequest, R extends ActionResponse> void apply(final Task task, final String action,
                        final Q request, final ActionListener<R> listener, final ActionFilterChain<Q, R> chain) {
                    if (!BulkAction.NAME.equals(action) || !(request instanceof BulkRequest bulk)) {
                        chain.proceed(task, action, request, listener);
                        return;
                    }
                    chain.proceed(task, action, request, ActionListener.wrap(response -> {
                        keep(bulk, (BulkResponse) response);
                        listener.onResponse(response);
                    }, listener::onFailure));
                }
            });
        }

        private void keep(final BulkRequest bulk, final BulkResponse response) {
            final Client nodeClient = client.get();
            if (nodeClient == null || !response.hasFailures()) {
                return;
            }
            final BulkRequest letters = new BulkRequest();
            for (final BulkItemResponse item : response.getItems()) {
                if (!item.isFailed() || INDEX.equals(item.getIndex())) {
                    continue;
                }
                final DocWriteRequest<?> refused = bulk.requests().get(item.getItemId());
                if (!(refused instanceof IndexRequest indexed) || indexed.source() == null) {
                    continue;
                }
                final String source = indexed.source().utf8ToString();
                final BulkItemResponse.Failure failure = item.getFailure();
                letters.add(new IndexRequest(INDEX).id(digest(item.getIndex() + "\n" + source)).source(Map.of(
                        "@timestamp", Instant.now().toString(),
                        "index", item.getIndex(),
                        "status", failure.getStatus().getStatus(),
                        "error", Map.of("type", OpenSearchException.getExceptionName(failure.getCause()),
                                "message", String.valueOf(failure.getMessage())),
                        "document", source)));
            }
            if (letters.numberOfActions() > 0) {
                nodeClient.bulk(letters, ActionListener.wrap(written -> { }, e -> System.err.println("[opensearch] dead letters not written: " + e)));
            }
        }

        static String digest(final String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (final java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads a port from the environment; a bad value warns once, naming the variable, and falls back. */
    static int portFromEnv(final String name, final int fallback) {
        final String raw = System.getenv(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            final int port = Integer.parseInt(raw.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (final NumberFormatException e) {
            // fall through to the warning
        }
        System.err.println("[opensearch] " + name + "=" + raw + " is not a port; using " + fallback);
        return fallback;
    }

    public static void main(final String[] args) throws Exception {
        // As OpenSearch's own jvm.options: log4j must not stop before the node has closed on SIGTERM.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");
        // OpenSearch routes System.out/err into log4j; our few lines go straight to the process's stdout.
        final PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        final Path dataDir = Path.of(args.length > 0 ? args[0] : ".stack/opensearch").toAbsolutePath();
        final int httpPort = portFromEnv("OPENSEARCH_PORT", 9200);
        final int transportPort = portFromEnv("OPENSEARCH_TRANSPORT_PORT", 9300);
        final long started = System.nanoTime();

        final OpenSearchRunner runner = new OpenSearchRunner();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
                console.println("[opensearch] closed");
            } catch (final Exception e) {
                console.println("[opensearch] close failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "opensearch-shutdown"));

        runner.onBuild((index, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            settings.put("discovery.type", "single-node");
            // The runner leaves out the ingest role; the index templates' default pipeline needs it
            // (src/stack/opensearch-templates.ts: attributes of any shape into one flat_object field).
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            // One node: replicas can never be assigned, so new indices default to none and stay green.
            settings.put("cluster.default_number_of_replicas", 0);
            // A dev machine's disk may be fuller than the production watermarks allow.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("action.auto_create_index", true);
        }).build(newConfigs()
                .basePath(dataDir.toString())
                .numOfNode(1)
                .clusterName("otel-gateway")
                .pluginTypes(ElasticsearchClientShim.class.getName() + "," + Overwrites.class.getName() + "," + DeadLetters.class.getName())
                .printOnFailure());

        runner.ensureGreen();
        final long millis = (System.nanoTime() - started) / 1_000_000;
        console.println("[opensearch] cluster otel-gateway green on http://127.0.0.1:" + httpPort
                + " after " + millis + " ms (data: " + dataDir + ")");
        stopped.await();
    }
}
