-- Attach Neovim's built-in LSP client to `vblint lsp`, wait for the diagnostics of the
-- current buffer, and write them (as published, and as Neovim stores them) to a JSON file.
local out = os.getenv("VBLINT_NVIM_OUT")
local cmd = os.getenv("VBLINT_CMD")
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = "text"
local published = nil

local function on_publish(err, result, ctx, config)
  if result and #result.diagnostics > 0 then
    published = result
  end
  vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
end

local id = vim.lsp.start_client({
  name = "vblint",
  cmd = { cmd, "lsp" },
  root_dir = vim.fn.getcwd(),
  handlers = { ["textDocument/publishDiagnostics"] = on_publish },
})
vim.lsp.buf_attach_client(buf, id)
vim.wait(60000, function()
  return published ~= nil and #vim.diagnostic.get(buf) > 0
end, 50)

local stored = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(stored, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message,
    source = d.source, severity = d.severity })
end
local client = vim.lsp.get_client_by_id(id)
local file = io.open(out, "w")
file:write(vim.fn.json_encode({
  published = published or vim.NIL,
  stored = stored,
  offset_encoding = client and client.offset_encoding or vim.NIL,
}))
file:close()
vim.lsp.stop_client(id)
vim.cmd("qa!")
