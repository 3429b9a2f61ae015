//! gRPC on [tonic] (feature `tonic`): [`Codec`] puts Cramberry messages in gRPC frames.
//!
//! Services declared in a `.cram` schema (`service Orders { rpc Place(Order): Ack; }`) are generated with this
//! codec by `cramberry generate --services` or `cramberry_schema::Builder::new().services(true)`; hand-written
//! tonic code can name it too. Encoding measures the message once and writes it straight into tonic's frame
//! buffer. Decoding takes the frame's bytes without copying them and gives an owned message, an
//! [`OwnedView`] (validated once, strings and bytes borrowed from the frame) or an [`OwnedLazy`] — whatever
//! type the method receives ([`FromFrame`]).
//!
//! Input is decoded under [`DecodeOptions::secure`] unless the codec is built [`with_options`](Codec::with_options).
//! A frame that does not decode becomes a [`tonic::Status`]: `ResourceExhausted` when a limit was exceeded,
//! `InvalidArgument` otherwise, with the error's field path and byte offset in the message.
//!
//! ```
//! use cramberry::{grpc, Cramberry, Message, OwnedView};
//! use tonic::codec::Codec as _;
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Ping { #[cram(1)] seq: u64 }
//!
//! // What a generated server uses for an rpc taking `Ping` as a view and answering `Ping`.
//! let mut codec = grpc::Codec::<Ping, OwnedView<Ping>>::default();
//! let _encoder = codec.encoder();
//! let _decoder = codec.decoder();
//! ```

use crate::error::{DecodeError, DecodeErrorKind, Result};
use crate::message::{append_measured, measure, DecodeMessage, Message};
use crate::options::DecodeOptions;
use crate::owned::{OwnedLazy, OwnedView};
use crate::view::{Lazyable, Viewable};
use bytes::{Buf, Bytes};
use core::marker::PhantomData;
use tonic::codec::{DecodeBuf, EncodeBuf};
use tonic::Status;

/// A type a gRPC method can receive: made from one frame's bytes, which it may keep (no copy).
pub trait FromFrame: Sized + Send + 'static {
    /// Decodes (or validates) `bytes` under `options`.
    fn from_frame(bytes: Bytes, options: &DecodeOptions) -> Result<Self>;

    /// Decodes the rest of `src`, tonic's frame buffer. By default through [`from_frame`](Self::from_frame)
    /// on the frame's `Bytes`, split off without copying.
    fn from_buf(src: &mut DecodeBuf<'_>, options: &DecodeOptions) -> Result<Self> {
        let bytes = src.copy_to_bytes(src.remaining());
        Self::from_frame(bytes, options)
    }
}

impl<T: for<'de> DecodeMessage<'de> + Send + 'static> FromFrame for T {
    fn from_frame(bytes: Bytes, options: &DecodeOptions) -> Result<Self> {
        T::decode_shared_with(&bytes, options)
    }

    /// An owned message keeps nothing of the frame: it is decoded from the buffer in place when the frame is
    /// one contiguous chunk (as tonic gives it), which spares splitting a shared `Bytes` off tonic's buffer
    /// (an allocation per call); `bytes::Bytes` fields are then copied out instead of shared.
    fn from_buf(src: &mut DecodeBuf<'_>, options: &DecodeOptions) -> Result<Self> {
        let len = src.remaining();
        if src.chunk().len() < len {
            return Self::from_frame(src.copy_to_bytes(len), options);
        }
        let decoded = T::decode_with(&src.chunk()[..len], options);
        src.advance(len);
        decoded
    }
}

impl<T: Viewable + 'static> FromFrame for OwnedView<T> {
    fn from_frame(bytes: Bytes, options: &DecodeOptions) -> Result<Self> {
        OwnedView::with_options(bytes, options)
    }
}

impl<T: Lazyable + 'static> FromFrame for OwnedLazy<T> {
    fn from_frame(bytes: Bytes, options: &DecodeOptions) -> Result<Self> {
        OwnedLazy::with_options(bytes, options)
    }
}

/// The gRPC status for a message that did not decode: `ResourceExhausted` for an exceeded limit,
/// `InvalidArgument` for anything else; the message names the type, field path and byte offset.
pub fn status_of(error: &DecodeError) -> Status {
    let message = error.to_string();
    match error.kind() {
        DecodeErrorKind::LimitExceeded { .. } => Status::resource_exhausted(message),
        _ => Status::invalid_argument(message),
    }
}

/// A [`tonic::codec::Codec`] that sends `E` and receives `D` in Cramberry's wire format.
pub struct Codec<E, D> {
    options: DecodeOptions,
    types: PhantomData<fn(E) -> D>,
}

impl<E, D> Codec<E, D> {
    /// A codec that decodes under `options` instead of [`DecodeOptions::secure`].
    pub fn with_options(options: DecodeOptions) -> Self {
        Codec { options, types: PhantomData }
    }
}

/// Decodes under [`DecodeOptions::secure`]: the limits for input from the network.
impl<E, D> Default for Codec<E, D> {
    fn default() -> Self {
        Codec::with_options(DecodeOptions::secure())
    }
}

impl<E, D> core::fmt::Debug for Codec<E, D> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Codec").field("options", &self.options).finish()
    }
}

impl<E: Message + Send + 'static, D: FromFrame> tonic::codec::Codec for Codec<E, D> {
    type Encode = E;
    type Decode = D;
    type Encoder = Encoder<E>;
    type Decoder = Decoder<D>;

    fn encoder(&mut self) -> Encoder<E> {
        Encoder(PhantomData)
    }

    fn decoder(&mut self) -> Decoder<D> {
        Decoder { options: self.options, types: PhantomData }
    }
}

/// Writes `E` into tonic's frame buffer.
#[derive(Debug)]
pub struct Encoder<E>(PhantomData<fn(E)>);

impl<E: Message> tonic::codec::Encoder for Encoder<E> {
    type Item = E;
    type Error = Status;

    fn encode(&mut self, item: E, dst: &mut EncodeBuf<'_>) -> core::result::Result<(), Status> {
        let (len, sizes) = measure(&item);
        dst.reserve(len);
        append_measured(&item, dst, len, &sizes);
        Ok(())
    }
}

/// Reads `D` from one frame's bytes.
#[derive(Debug)]
pub struct Decoder<D> {
    options: DecodeOptions,
    types: PhantomData<fn() -> D>,
}

impl<D: FromFrame> tonic::codec::Decoder for Decoder<D> {
    type Item = D;
    type Error = Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> core::result::Result<Option<D>, Status> {
        D::from_buf(src, &self.options).map(Some).map_err(|e| status_of(&e))
    }
}
