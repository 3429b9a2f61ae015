//! `cargo run -p cramberry-grpc-example`: serves `Orders` (from `api.cram`) on a loopback port and calls each
//! of its methods with the generated client — unary with a view in the handler, server, client and
//! bidirectional streaming.

use cramberry_grpc_example::exch::orders_client::OrdersClient;
use cramberry_grpc_example::exch::orders_server::OrdersServer;
use cramberry_grpc_example::exch::{Fill, Note, Order, Side, WatchRequest};
use cramberry_grpc_example::OrderDesk;
use tokio_stream::wrappers::TcpListenerStream;
use tokio_stream::StreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let server = tonic::transport::Server::builder()
        .add_service(OrdersServer::new(OrderDesk::default()))
        .serve_with_incoming(TcpListenerStream::new(listener));
    tokio::spawn(server);
    println!("serving exch.Orders on {address}");

    let mut client = OrdersClient::connect(format!("http://{address}")).await?;
    let order = Order { id: 7, symbol: "BTC-USD".into(), price: 64_000, quantity: 3, side: Side::Buy };
    let ack = client.place(order).await?.into_inner();
    println!("Place -> {ack:?}");

    let mut fills = client.watch(WatchRequest { symbol: "BTC-USD".into(), count: 3 }).await?.into_inner();
    while let Some(fill) = fills.next().await {
        println!("Watch -> {:?}", fill?);
    }

    let uploads = tokio_stream::iter((1..=4).map(|i| Fill { order_id: i, price: 100, quantity: i as u32 }));
    let summary = client.upload(uploads).await?.into_inner();
    println!("Upload -> {summary:?}");

    let notes = tokio_stream::iter(["hello", "world"].map(|t| Note { text: t.into() }));
    let mut echoes = client.chat(notes).await?.into_inner();
    while let Some(echo) = echoes.next().await {
        println!("Chat -> {:?}", echo?);
    }
    Ok(())
}
