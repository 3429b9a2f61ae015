//! Interop with the gRPC ecosystem: the messages of `api.cram` are in the protobuf-compatible subset, so a
//! stock tonic + prost client (prost-derived types, tonic-prost's codec) calls the Cramberry server, and the
//! generated Cramberry client calls a tonic + prost server — same paths, same bytes.

use cramberry_grpc_example::exch::orders_client::OrdersClient;
use cramberry_grpc_example::exch::orders_server::OrdersServer;
use cramberry_grpc_example::exch::{Ack, Fill, Order, Side, Summary, WatchRequest};
use cramberry_grpc_example::OrderDesk;
use std::net::SocketAddr;
use std::time::Duration;
use tokio_stream::wrappers::TcpListenerStream;
use tokio_stream::StreamExt;
use tonic::codegen::http::uri::PathAndQuery;
use tonic::transport::{Channel, Server};
use tonic::{Request, Response, Status, Streaming};

/// The same messages as prost writes them from a `.proto` file.
mod prost_side {
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct ProstOrder {
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
    pub struct ProstAck {
        #[prost(uint64, tag = "1")]
        pub id: u64,
        #[prost(bool, tag = "2")]
        pub accepted: bool,
        #[prost(string, tag = "3")]
        pub reason: String,
    }

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct ProstWatchRequest {
        #[prost(string, tag = "1")]
        pub symbol: String,
        #[prost(uint32, tag = "2")]
        pub count: u32,
    }

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct ProstFill {
        #[prost(uint64, tag = "1")]
        pub order_id: u64,
        #[prost(uint64, tag = "2")]
        pub price: u64,
        #[prost(uint32, tag = "3")]
        pub quantity: u32,
    }

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct ProstSummary {
        #[prost(uint32, tag = "1")]
        pub fills: u32,
        #[prost(uint64, tag = "2")]
        pub quantity: u64,
    }

    include!(concat!(env!("OUT_DIR"), "/exch.Orders.rs"));
}

use prost_side::orders_server::{Orders as ProstOrders, OrdersServer as ProstOrdersServer};
use prost_side::{ProstAck, ProstFill, ProstOrder, ProstSummary, ProstWatchRequest};

async fn bounded<T>(test: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), test).await.expect("the test finished in time")
}

async fn listen() -> (tokio::net::TcpListener, SocketAddr) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    (listener, address)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tonic_prost_client_calls_the_cramberry_server() {
    bounded(async {
        let (listener, address) = listen().await;
        let server = Server::builder()
            .add_service(OrdersServer::new(OrderDesk::default()))
            .serve_with_incoming(TcpListenerStream::new(listener));
        tokio::spawn(server);
        let channel = Channel::from_shared(format!("http://{address}")).unwrap().connect().await.unwrap();
        let mut grpc = tonic::client::Grpc::new(channel);
        let order = ProstOrder { id: 7, symbol: "BTC-USD".into(), price: 64_000, quantity: 3, side: 1 };
        for path in ["/exch.Orders/Place", "/exch.Orders/PlaceOwned"] {
            grpc.ready().await.unwrap();
            let codec = tonic_prost::ProstCodec::<ProstOrder, ProstAck>::default();
            let ack = grpc
                .unary(Request::new(order.clone()), PathAndQuery::from_static(path), codec)
                .await
                .unwrap();
            assert_eq!(ack.into_inner(), ProstAck { id: 7, accepted: true, reason: String::new() }, "{path}");
        }
        grpc.ready().await.unwrap();
        let codec = tonic_prost::ProstCodec::<ProstWatchRequest, ProstFill>::default();
        let request = Request::new(ProstWatchRequest { symbol: "BTC-USD".into(), count: 100 });
        let fills =
            grpc.server_streaming(request, PathAndQuery::from_static("/exch.Orders/Watch"), codec).await;
        let fills: Vec<ProstFill> = fills.unwrap().into_inner().map(Result::unwrap).collect().await;
        let expected: Vec<ProstFill> =
            (0..100).map(|i| ProstFill { order_id: i, price: 100 + i % 7, quantity: 1 }).collect();
        assert_eq!(fills, expected);
    })
    .await;
}

/// The service as a tonic + prost project implements it.
struct ProstDesk;

#[tonic::async_trait]
impl ProstOrders for ProstDesk {
    async fn place(&self, request: Request<ProstOrder>) -> Result<Response<ProstAck>, Status> {
        let order = request.into_inner();
        let accepted = order.symbol == "ETH-USD" && order.side == 1 && order.price == 3_000;
        Ok(Response::new(ProstAck {
            id: order.id,
            accepted,
            reason: format!("{} x{}", order.symbol, order.quantity),
        }))
    }

    type WatchStream = std::pin::Pin<Box<dyn tokio_stream::Stream<Item = Result<ProstFill, Status>> + Send>>;

    async fn watch(
        &self,
        request: Request<ProstWatchRequest>,
    ) -> Result<Response<Self::WatchStream>, Status> {
        let count = u64::from(request.into_inner().count);
        let fills =
            tokio_stream::iter((0..count).map(|i| Ok(ProstFill { order_id: i, price: 2 * i, quantity: 5 })));
        Ok(Response::new(Box::pin(fills)))
    }

    async fn upload(&self, request: Request<Streaming<ProstFill>>) -> Result<Response<ProstSummary>, Status> {
        let mut fills = request.into_inner();
        let mut summary = ProstSummary::default();
        while let Some(fill) = fills.next().await {
            summary.fills += 1;
            summary.quantity += u64::from(fill?.quantity);
        }
        Ok(Response::new(summary))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cramberry_client_calls_a_tonic_prost_server() {
    bounded(async {
        let (listener, address) = listen().await;
        let server = Server::builder()
            .add_service(ProstOrdersServer::new(ProstDesk))
            .serve_with_incoming(TcpListenerStream::new(listener));
        tokio::spawn(server);
        let mut client = OrdersClient::connect(format!("http://{address}")).await.unwrap();
        let order = Order { id: 9, symbol: "ETH-USD".into(), price: 3_000, quantity: 4, side: Side::Sell };
        let ack = client.place(order).await.unwrap().into_inner();
        assert_eq!(ack, Ack { id: 9, accepted: true, reason: "ETH-USD x4".into() });
        let request = WatchRequest { symbol: "ETH-USD".into(), count: 50 };
        let fills: Vec<Fill> =
            client.watch(request).await.unwrap().into_inner().map(Result::unwrap).collect().await;
        let expected: Vec<Fill> = (0..50).map(|i| Fill { order_id: i, price: 2 * i, quantity: 5 }).collect();
        assert_eq!(fills, expected);
        let uploads = tokio_stream::iter((0..10).map(|i| Fill { order_id: i, price: 1, quantity: 2 }));
        assert_eq!(client.upload(uploads).await.unwrap().into_inner(), Summary { fills: 10, quantity: 20 });
    })
    .await;
}
