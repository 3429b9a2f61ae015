//! The services bench: the example's `Orders` service (`examples/grpc`, generated from its `.cram` schema with
//! `services(true)`) against the same service written with tonic + prost, over loopback in one process, in
//! turns, in one run:
//! - unary ping-pong: sequential `Place` calls, latency p50 / p99 and allocations per call (client and server,
//!   counting allocator);
//! - server streaming: one `Watch` of many fills, messages per second.
//!
//! Three variants: Cramberry with the handler reading a view (`[view = true]`), Cramberry with an owned request
//! (`PlaceOwned`), and prost.
//!
//! `cargo run --release -p cramberry-perf --bin services [-- CALLS FILLS]`

use cramberry_grpc_example::exch::orders_client::OrdersClient;
use cramberry_grpc_example::exch::orders_server::OrdersServer;
use cramberry_grpc_example::exch::{Order, Side, WatchRequest};
use cramberry_grpc_example::OrderDesk;
use cramberry_perf::counting::{allocations, Counting};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio_stream::wrappers::TcpListenerStream;
use tokio_stream::StreamExt;
use tonic::transport::{Channel, Server};
use tonic::{Request, Response, Status};

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The example's messages as prost writes them from a `.proto` file, and the server tonic-build generates.
mod pb {
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct PbOrder {
        #[prost(uint64, tag = "1")]
        pub id: u64,
        #[prost(string, tag = "2")]
        pub symbol: String,
        #[prost(uint64, tag = "3")]
        pub price: u64,
        #[prost(uint32, tag = "4")]
        pub quantity: u32,
        #[prost(int32, tag = "5")]
        pub side: i32,
    }

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct PbAck {
        #[prost(uint64, tag = "1")]
        pub id: u64,
        #[prost(bool, tag = "2")]
        pub accepted: bool,
        #[prost(string, tag = "3")]
        pub reason: String,
    }

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct PbWatchRequest {
        #[prost(string, tag = "1")]
        pub symbol: String,
        #[prost(uint32, tag = "2")]
        pub count: u32,
    }

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct PbFill {
        #[prost(uint64, tag = "1")]
        pub order_id: u64,
        #[prost(uint64, tag = "2")]
        pub price: u64,
        #[prost(uint32, tag = "3")]
        pub quantity: u32,
    }

    include!(concat!(env!("OUT_DIR"), "/exch.Orders.rs"));
}

use pb::orders_client::OrdersClient as PbOrdersClient;
use pb::orders_server::{Orders as PbOrders, OrdersServer as PbOrdersServer};
use pb::{PbAck, PbFill, PbOrder, PbWatchRequest};

/// The prost server does what `OrderDesk` does.
struct PbDesk;

#[tonic::async_trait]
impl PbOrders for PbDesk {
    async fn place(&self, request: Request<PbOrder>) -> Result<Response<PbAck>, Status> {
        let o = request.into_inner();
        let accepted = !o.symbol.is_empty() && o.price != 0 && o.quantity != 0;
        let reason = if accepted { String::new() } else { "rejected".into() };
        Ok(Response::new(PbAck { id: o.id, accepted, reason }))
    }

    type WatchStream = std::pin::Pin<Box<dyn tokio_stream::Stream<Item = Result<PbFill, Status>> + Send>>;

    async fn watch(&self, request: Request<PbWatchRequest>) -> Result<Response<Self::WatchStream>, Status> {
        let count = u64::from(request.into_inner().count);
        let fills =
            tokio_stream::iter(0..count).map(|i| Ok(PbFill { order_id: i, price: 100 + i % 7, quantity: 1 }));
        Ok(Response::new(Box::pin(fills)))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Variant {
    CramberryView,
    CramberryOwned,
    Prost,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::CramberryView => "cramberry (view handler)",
            Variant::CramberryOwned => "cramberry (owned request)",
            Variant::Prost => "tonic + prost",
        }
    }
}

/// One run's numbers.
struct Sample {
    p50: Duration,
    p99: Duration,
    allocations_per_call: f64,
    fills_per_second: f64,
}

async fn serve(variant: Variant) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let incoming = TcpListenerStream::new(listener);
    let router = match variant {
        Variant::Prost => Server::builder().add_service(PbOrdersServer::new(PbDesk)),
        _ => Server::builder().add_service(OrdersServer::new(OrderDesk::default())),
    };
    tokio::spawn(router.serve_with_incoming(incoming));
    address
}

fn order(i: u64) -> Order {
    Order { id: i, symbol: "BTC-USD".into(), price: 64_000 + i % 100, quantity: 3, side: Side::Buy }
}

/// What the bench does with a client: one `Place` call, and one `Watch` summed over its fills.
trait Caller {
    async fn place(&mut self, i: u64);
    async fn watch(&mut self, count: u32) -> u32;
}

/// The generated Cramberry client, calling `Place` (view handler) or `PlaceOwned`.
struct CramberryCaller {
    client: OrdersClient<Channel>,
    view: bool,
}

impl Caller for CramberryCaller {
    async fn place(&mut self, i: u64) {
        let ack = if self.view {
            self.client.place(order(i)).await
        } else {
            self.client.place_owned(order(i)).await
        };
        assert!(ack.unwrap().into_inner().accepted);
    }

    async fn watch(&mut self, count: u32) -> u32 {
        let request = WatchRequest { symbol: "BTC-USD".into(), count };
        let stream = self.client.watch(request).await.unwrap().into_inner();
        stream.fold(0, |sum, fill| sum + fill.unwrap().quantity).await
    }
}

impl Caller for PbOrdersClient<Channel> {
    async fn place(&mut self, i: u64) {
        let o = order(i);
        let request = PbOrder { id: o.id, symbol: o.symbol, price: o.price, quantity: o.quantity, side: 0 };
        assert!(PbOrdersClient::place(self, request).await.unwrap().into_inner().accepted);
    }

    async fn watch(&mut self, count: u32) -> u32 {
        let request = PbWatchRequest { symbol: "BTC-USD".into(), count };
        let stream = PbOrdersClient::watch(self, request).await.unwrap().into_inner();
        stream.fold(0, |sum, fill| sum + fill.unwrap().quantity).await
    }
}

async fn run(variant: Variant, calls: usize, fills: u32) -> Sample {
    let url = format!("http://{}", serve(variant).await);
    match variant {
        Variant::Prost => measure(PbOrdersClient::connect(url).await.unwrap(), calls, fills).await,
        _ => {
            let client = OrdersClient::connect(url).await.unwrap();
            measure(CramberryCaller { client, view: variant == Variant::CramberryView }, calls, fills).await
        }
    }
}

/// Warms up with a tenth of `calls`, times `calls` sequential `Place` calls, then one `Watch` of `fills`.
async fn measure(mut caller: impl Caller, calls: usize, fills: u32) -> Sample {
    for i in 0..calls as u64 / 10 {
        caller.place(i).await;
    }
    let mut latencies = Vec::with_capacity(calls);
    let before = allocations();
    for i in 0..calls as u64 {
        let start = Instant::now();
        caller.place(i).await;
        latencies.push(start.elapsed());
    }
    let allocations_per_call = (allocations() - before) as f64 / calls as f64;
    let start = Instant::now();
    assert_eq!(caller.watch(fills).await, fills);
    let fills_per_second = f64::from(fills) / start.elapsed().as_secs_f64();
    latencies.sort();
    Sample {
        p50: latencies[calls / 2],
        p99: latencies[calls * 99 / 100],
        allocations_per_call,
        fills_per_second,
    }
}

/// Rounds of the three variants, in turns.
const ROUNDS: usize = 5;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("numbers: CALLS FILLS"));
    let calls = args.next().unwrap_or(20_000);
    let fills = args.next().unwrap_or(500_000) as u32;
    let variants = [Variant::CramberryView, Variant::CramberryOwned, Variant::Prost];
    let mut samples: Vec<Vec<Sample>> = variants.iter().map(|_| Vec::new()).collect();
    for _round in 0..ROUNDS {
        for (i, &variant) in variants.iter().enumerate() {
            samples[i].push(run(variant, calls, fills).await);
        }
    }
    println!("Orders over loopback, {calls} sequential Place calls and a Watch of {fills} fills, {ROUNDS} rounds in turns (medians):\n");
    println!(
        "| variant | Place p50 | Place p99 | allocations per call | Watch fills/s (range over rounds) |"
    );
    println!("|---|---|---|---|---|");
    let micros = |d: f64| format!("{:.1} µs", d * 1e6);
    for (variant, runs) in variants.iter().zip(&samples) {
        let p50 = median(runs.iter().map(|s| s.p50.as_secs_f64()).collect());
        let p99 = median(runs.iter().map(|s| s.p99.as_secs_f64()).collect());
        let allocations = median(runs.iter().map(|s| s.allocations_per_call).collect());
        let rates: Vec<f64> = runs.iter().map(|s| s.fills_per_second / 1e6).collect();
        let (low, high) = rates.iter().fold((f64::MAX, 0f64), |(l, h), &r| (l.min(r), h.max(r)));
        println!(
            "| {} | {} | {} | {allocations:.1} | {:.2} M ({low:.2}–{high:.2}) |",
            variant.name(),
            micros(p50),
            micros(p99),
            median(rates.clone()),
        );
    }
}
