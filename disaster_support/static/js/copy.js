// Copy buttons for the message texts; without JavaScript the text boxes can be selected by hand.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = document.getElementById(button.getAttribute("data-target")).value;
      navigator.clipboard.writeText(text).then(function () {
        var label = button.textContent;
        button.textContent = button.getAttribute("data-done");
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    });
  });
})();
