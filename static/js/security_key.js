// Back to the list of second factors once the browser has registered the key.
document.addEventListener("otp_webauthn.register_complete", () => {
  const box = document.getElementById("security-key");
  if (box) window.location.assign(box.dataset.doneUrl);
});
