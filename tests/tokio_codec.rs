//! Feature `tokio`: a client and a server over a loopback TCP socket in one process, exchanging messages as
//! length-delimited frames through `tokio_util::codec::Framed` (bounded in count and time).
#![cfg(feature = "tokio")]

use cramberry::stream::{DelimitedCodec, FrameError, FrameErrorKind};
use cramberry::{Cramberry, DecodeErrorKind, Limit, OwnedView};
use futures_util::{SinkExt, StreamExt};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::codec::{Decoder, Framed};

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Request {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    body: String,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Reply {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    len: u32,
}

const COUNT: u64 = 200;

#[tokio::test(flavor = "current_thread")]
async fn client_and_server_exchange_frames_over_loopback_tcp() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        let mut framed = Framed::new(socket, DelimitedCodec::<Request>::new().max_frame_len(1 << 16));
        let mut served = 0;
        while let Some(request) = framed.next().await {
            let request: OwnedView<Request> = request.unwrap();
            // The validated view crosses the `.await` below.
            tokio::task::yield_now().await;
            let view = request.get();
            framed.send(&Reply { id: view.id(), len: view.body().len() as u32 }).await.unwrap();
            served += 1;
        }
        served
    });
    let client = async {
        let socket = TcpStream::connect(addr).await.unwrap();
        let mut framed = Framed::new(socket, DelimitedCodec::<Reply>::new());
        for id in 0..COUNT {
            let body = "x".repeat((id % 300) as usize);
            framed.send(&Request { id, body }).await.unwrap();
            let reply = framed.next().await.unwrap().unwrap();
            assert_eq!(reply.get().to_message(), Reply { id, len: (id % 300) as u32 });
        }
    };
    tokio::time::timeout(Duration::from_secs(20), client).await.expect("the exchange finishes in time");
    let served = tokio::time::timeout(Duration::from_secs(20), server).await.unwrap().unwrap();
    assert_eq!(served, COUNT);
}

#[test]
fn the_decoder_waits_for_whole_frames_and_refuses_long_ones() {
    let mut codec = DelimitedCodec::<Request>::new().max_frame_len(8);
    let mut buf = bytes::BytesMut::new();
    tokio_util::codec::Encoder::encode(&mut codec, &Request { id: 1, body: "ab".into() }, &mut buf).unwrap();
    let whole = buf.clone();
    for cut in 0..whole.len() {
        let mut part = bytes::BytesMut::from(&whole[..cut]);
        assert!(codec.decode(&mut part).unwrap().is_none(), "cut at {cut}: wait for more");
    }
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap().get().body(), "ab");
    let mut long = bytes::BytesMut::from(&[0x09, 0x08][..]);
    let err = codec.decode(&mut long).unwrap_err();
    let frame: &FrameError = err.get_ref().unwrap().downcast_ref().unwrap();
    assert_eq!((frame.frame(), frame.offset()), (1, 7));
    assert_eq!(
        frame.decode_error().unwrap().kind(),
        &DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max: 8 }
    );
    // A bad message: the error names the frame, and the offset of the bad byte in the message.
    let mut codec = DelimitedCodec::<Request>::new();
    let mut bad = bytes::BytesMut::from(&[0x02, 0x08, 0x80][..]);
    let err = codec.decode(&mut bad).unwrap_err();
    let frame: &FrameError = err.get_ref().unwrap().downcast_ref().unwrap();
    assert_eq!(frame.decode_error().unwrap().kind(), &DecodeErrorKind::Truncated);
    assert_eq!(frame.decode_error().unwrap().offset(), 1);
    assert!(matches!(frame.kind(), FrameErrorKind::Message(_)) && !frame.is_truncated());
}
