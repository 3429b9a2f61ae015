//! The generated `Orders` service over loopback: every streaming form, bad and oversized requests, what a
//! handler taking a view allocates, and clients that go away. Every test is bounded in time.

use cramberry::{Message, OwnedView};
use cramberry_grpc_example::exch::orders_client::OrdersClient;
use cramberry_grpc_example::exch::orders_server::{Orders, OrdersServer};
use cramberry_grpc_example::exch::{Ack, Fill, Note, Order, Side, WatchRequest};
use cramberry_grpc_example::OrderDesk;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio_stream::wrappers::TcpListenerStream;
use tokio_stream::StreamExt;
use tonic::transport::{Channel, Server};
use tonic::{Code, Request};

/// Counts the allocations of the current thread, so a test can count what one call allocates while other
/// threads run.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed to `System` unchanged; the counter is a const-initialised thread-local
// `Cell` without destructor, so counting never allocates or re-enters the allocator.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with `layout` (every allocation goes through `alloc` above).
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Allocations made by this thread while `f` runs.
fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    (value, ALLOCATIONS.with(Cell::get) - before)
}

/// Runs `test` with a time bound.
async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), test).await.expect("the test finished in time")
}

/// Serves `desk` on a loopback port.
async fn serve(desk: OrderDesk) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = Server::builder()
        .add_service(OrdersServer::new(desk))
        .serve_with_incoming(TcpListenerStream::new(listener));
    tokio::spawn(server);
    address
}

async fn client(address: SocketAddr) -> OrdersClient<Channel> {
    OrdersClient::connect(format!("http://{address}")).await.unwrap()
}

fn order(id: u64) -> Order {
    Order { id, symbol: "BTC-USD".into(), price: 64_000, quantity: 3, side: Side::Sell }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unary_calls_answer_with_a_view_or_an_owned_request() {
    bounded(async {
        let mut client = client(serve(OrderDesk::default()).await).await;
        let accepted = Ack { id: 7, accepted: true, reason: String::new() };
        assert_eq!(client.place(order(7)).await.unwrap().into_inner(), accepted);
        assert_eq!(client.place_owned(order(7)).await.unwrap().into_inner(), accepted);
        let empty = Order { quantity: 0, ..order(8) };
        let rejected = Ack { id: 8, accepted: false, reason: "quantity is zero".into() };
        assert_eq!(client.place(empty.clone()).await.unwrap().into_inner(), rejected);
        assert_eq!(client.place_owned(empty).await.unwrap().into_inner(), rejected);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_streaming_sends_ten_thousand_fills_in_order() {
    bounded(async {
        let mut client = client(serve(OrderDesk::default()).await).await;
        let request = WatchRequest { symbol: "BTC-USD".into(), count: 10_000 };
        let mut fills = client.watch(request).await.unwrap().into_inner();
        let mut next = 0;
        while let Some(fill) = fills.next().await {
            let fill = fill.unwrap();
            assert_eq!(fill, Fill { order_id: next, price: 100 + next % 7, quantity: 1 });
            next += 1;
        }
        assert_eq!(next, 10_000);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_streaming_sums_every_fill() {
    bounded(async {
        let mut client = client(serve(OrderDesk::default()).await).await;
        let fills =
            tokio_stream::iter((0..1_000u32).map(|i| Fill { order_id: i.into(), price: 1, quantity: i }));
        let summary = client.upload(fills).await.unwrap().into_inner();
        assert_eq!((summary.fills, summary.quantity), (1_000, (0..1_000u64).sum()));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bidirectional_streaming_echoes_and_ends_when_the_client_does() {
    bounded(async {
        let mut client = client(serve(OrderDesk::default()).await).await;
        let notes = tokio_stream::iter((0..100).map(|i| Note { text: format!("note {i}") }));
        let echoes: Vec<Note> =
            client.chat(notes).await.unwrap().into_inner().map(Result::unwrap).collect().await;
        let expected: Vec<Note> = (0..100).map(|i| Note { text: format!("echo: note {i}") }).collect();
        assert_eq!(echoes, expected, "every note once, in order, then a clean end");
    })
    .await;
}

/// A codec that sends raw bytes and receives an `Ack`: requests no generated client would send.
#[derive(Default)]
struct RawCodec;

struct RawEncoder;

impl tonic::codec::Encoder for RawEncoder {
    type Item = Vec<u8>;
    type Error = tonic::Status;

    fn encode(&mut self, item: Vec<u8>, dst: &mut tonic::codec::EncodeBuf<'_>) -> Result<(), tonic::Status> {
        bytes::BufMut::put_slice(dst, &item);
        Ok(())
    }
}

impl tonic::codec::Codec for RawCodec {
    type Encode = Vec<u8>;
    type Decode = Ack;
    type Encoder = RawEncoder;
    type Decoder = <cramberry::grpc::Codec<Ack, Ack> as tonic::codec::Codec>::Decoder;

    fn encoder(&mut self) -> RawEncoder {
        RawEncoder
    }

    fn decoder(&mut self) -> Self::Decoder {
        tonic::codec::Codec::decoder(&mut cramberry::grpc::Codec::<Ack, Ack>::default())
    }
}

/// Sends `bytes` to `path` (`/exch.Orders/Place`) and returns the status.
async fn send_raw(address: SocketAddr, path: &'static str, bytes: Vec<u8>) -> tonic::Status {
    let channel = Channel::from_shared(format!("http://{address}")).unwrap().connect().await.unwrap();
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready().await.unwrap();
    let path = tonic::codegen::http::uri::PathAndQuery::from_static(path);
    grpc.unary(Request::new(bytes), path, RawCodec).await.expect_err("the server refuses the request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_gets_invalid_argument_naming_the_field_and_offset() {
    bounded(async {
        let address = serve(OrderDesk::default()).await;
        // Field 2 (symbol) holds a byte that is not UTF-8, at byte 2 of the message.
        let garbage = vec![0x08, 0x07, 0x12, 0x02, 0x41, 0xff];
        for path in ["/exch.Orders/Place", "/exch.Orders/PlaceOwned"] {
            let status = send_raw(address, path, garbage.clone()).await;
            assert_eq!(status.code(), Code::InvalidArgument, "{path}: {status:?}");
            assert_eq!(status.message(), "failed to decode Order.symbol: invalid UTF-8 at byte 5", "{path}");
        }
        // A varint field sent as a length-delimited one.
        let status = send_raw(address, "/exch.Orders/Place", vec![0x0a, 0x01, 0x00]).await;
        assert_eq!(status.code(), Code::InvalidArgument);
        assert_eq!(
            status.message(),
            "failed to decode Order.id: wire type BYTES where the field is VARINT at byte 0"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_over_the_secure_limits_gets_resource_exhausted() {
    bounded(async {
        let address = serve(OrderDesk::default()).await;
        let huge = Order { symbol: "X".repeat(2 << 20), ..order(1) };
        for path in ["/exch.Orders/Place", "/exch.Orders/PlaceOwned"] {
            let status = send_raw(address, path, huge.encode_to_vec()).await;
            assert_eq!(status.code(), Code::ResourceExhausted, "{path}: {status:?}");
            assert_eq!(
                status.message(),
                "failed to decode Order: MessageLen limit of 1048576 exceeded at byte 0",
                "{path}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_handler_reading_a_view_allocates_nothing_per_field() {
    let desk = OrderDesk::default();
    let mut counts = Vec::new();
    for order in [Order::default(), order(7), Order { symbol: "S".repeat(10_000), ..order(9) }] {
        let view = OwnedView::<Order>::new(order.encode_to_bytes()).unwrap();
        let request = Request::new(view);
        let (ack, n) = allocations(|| {
            let call = desk.place(request);
            futures_executor_block_on(call)
        });
        assert_eq!(ack.unwrap().get_ref().id, order.id);
        counts.push(n);
    }
    // One allocation: the boxed future of the async trait; the rejected empty order adds its reason string.
    // Nothing grows with the fields read or their length (the symbol is borrowed from the frame).
    assert_eq!(counts, [2, 1, 1], "allocations per call (empty, short, 10 KB symbol)");
}

/// Polls `future` to completion on this thread (the handler never waits on I/O).
fn futures_executor_block_on<F: Future>(future: F) -> F::Output {
    let waker = std::task::Waker::noop();
    let mut context = std::task::Context::from_waker(waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut context) {
            return value;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_goes_away_ends_the_server_stream() {
    bounded(async {
        let desk = OrderDesk::default();
        let address = serve(desk.clone()).await;
        let mut client = client(address).await;
        let request = WatchRequest { symbol: "BTC-USD".into(), count: u32::MAX };
        let mut fills = client.watch(request).await.unwrap().into_inner();
        for _ in 0..3 {
            fills.next().await.unwrap().unwrap();
        }
        assert_eq!(desk.open_watches(), 1);
        drop(fills);
        drop(client);
        while desk.open_watches() != 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // A call cancelled by its caller's deadline ends the same way.
        let mut client = self::client(address).await;
        let request = WatchRequest { symbol: "BTC-USD".into(), count: u32::MAX };
        let watch = async {
            let mut fills = client.watch(request).await.unwrap().into_inner();
            while fills.next().await.is_some() {}
        };
        assert!(tokio::time::timeout(Duration::from_millis(200), watch).await.is_err());
        while desk.open_watches() != 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
}
