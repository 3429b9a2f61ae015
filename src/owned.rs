//! `OwnedView` (feature `bytes`): a validated message that owns its bytes, so it can cross threads and
//! `.await` points.

use crate::error::Result;
use crate::options::DecodeOptions;
use crate::viewing::{MessageView, Viewable};
use bytes::Bytes;
use core::marker::PhantomData;

/// A message of type `T` validated once, holding the `Bytes` it was validated from: `Send`, `Sync` and
/// `'static`, cheap to clone (the bytes are shared), and [`get`](Self::get) hands out `T`'s view of them
/// again without re-validating.
///
/// ```
/// use cramberry::{Cramberry, Message, OwnedView};
/// #[derive(Cramberry)]
/// struct Order<'a> { #[cram(1)] id: u64, #[cram(2)] symbol: &'a str }
///
/// let bytes = Order { id: 7, symbol: "BTC" }.encode_to_bytes();
/// let order: OwnedView<Order<'static>> = OwnedView::new(bytes)?;
/// let symbol = std::thread::spawn(move || order.get().symbol().to_string()).join().unwrap();
/// assert_eq!(symbol, "BTC");
/// # Ok::<(), cramberry::DecodeError>(())
/// ```
pub struct OwnedView<T> {
    bytes: Bytes,
    message: PhantomData<fn() -> T>,
}

impl<T: Viewable> OwnedView<T> {
    /// Validates `bytes` as a `T` with the default options.
    pub fn new(bytes: Bytes) -> Result<Self> {
        Self::with_options(bytes, &DecodeOptions::DEFAULT)
    }

    /// Validates `bytes` as a `T` with `options` (limits, strict, canonical).
    pub fn with_options(bytes: Bytes, options: &DecodeOptions) -> Result<Self> {
        <T::View<'_> as MessageView<'_>>::view_with(&bytes, options)?;
        Ok(OwnedView { bytes, message: PhantomData })
    }

    /// The view of the message, re-read from the validated bytes (no checks, never fails).
    pub fn get(&self) -> T::View<'_> {
        <T::View<'_> as MessageView<'_>>::revisit_fields(&self.bytes)
    }

    /// The message's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The message's bytes, giving up the view.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }
}

impl<T> Clone for OwnedView<T> {
    fn clone(&self) -> Self {
        OwnedView { bytes: self.bytes.clone(), message: PhantomData }
    }
}

impl<T> core::fmt::Debug for OwnedView<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("OwnedView")
            .field("type", &core::any::type_name::<T>())
            .field("len", &self.bytes.len())
            .finish()
    }
}
