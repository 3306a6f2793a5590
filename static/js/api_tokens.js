// API tokens page: copy the new key to the clipboard with one click.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  button.addEventListener("click", async () => {
    const input = document.getElementById(button.dataset.copyTarget);
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      button.textContent = button.dataset.copiedLabel;
    } catch (error) {
      // Without clipboard access the key stays selected for Ctrl+C.
    }
  });
});
